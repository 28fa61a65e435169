import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { InvalidTokenError, verifyToken, type TokenClaims } from './jwt';

export type AuthenticatedRequest = Request & { actor?: TokenClaims };

/** Metadata key of the roles a route accepts (any one of them), set by `RequireRoles`. */
export const REQUIRED_ROLES = 'auth:required-roles';

/** 401 without a valid bearer token, 403 when the token carries none of the route's roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]) ?? ['admin'];
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new UnauthorizedException('a bearer token is required');
    }
    let claims: TokenClaims;
    try {
      claims = verifyToken(token);
    } catch (err) {
      // Our own short reason, never the verification library's message.
      throw new UnauthorizedException(
        err instanceof InvalidTokenError ? err.message : 'invalid token',
      );
    }
    if (!roles.some((role) => claims.roles.includes(role))) {
      throw new ForbiddenException(
        roles.length === 1
          ? `the ${roles[0]} role is required`
          : `one of the roles ${roles.join(', ')} is required`,
      );
    }
    req.actor = claims;
    return true;
  }
}
