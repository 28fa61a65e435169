import { UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { InvalidTokenError, verifyToken, type TokenClaims } from './jwt';

/**
 * The verified claims of the request's `Authorization: Bearer` token; 401 without one or with
 * one the token policy refuses (our short reason, never the verification library's message).
 */
export function bearerClaims(req: Request): TokenClaims {
  const [scheme, token] = (req.headers.authorization ?? '').split(' ');
  if (scheme !== 'Bearer' || !token) {
    throw new UnauthorizedException('a bearer token is required');
  }
  try {
    return verifyToken(token);
  } catch (err) {
    throw new UnauthorizedException(
      err instanceof InvalidTokenError ? err.message : 'invalid token',
    );
  }
}
