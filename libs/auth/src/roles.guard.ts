import {
  ForbiddenException,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { bearerClaims } from './bearer-token';
import type { TokenClaims } from './jwt';

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
    const claims = bearerClaims(req);
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
