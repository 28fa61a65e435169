import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { verifyToken, type TokenClaims } from './jwt';

export type AuthenticatedRequest = Request & { actor?: TokenClaims };

/** 401 without a valid bearer token, 403 without the `admin` role. */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
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
      throw new UnauthorizedException(`invalid token: ${(err as Error).message}`);
    }
    if (!claims.roles.includes('admin')) {
      throw new ForbiddenException('the admin role is required');
    }
    req.actor = claims;
    return true;
  }
}
