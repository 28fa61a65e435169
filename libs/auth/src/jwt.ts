import { createSecretKey, type KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';

/** Development default; every deployment sets `JWT_SECRET`. */
export const DEV_JWT_SECRET = 'dev-only-secret-change-me';

export interface TokenClaims {
  sub: string;
  roles: string[];
}

/**
 * What a token must satisfy besides its signature. Read from the environment: `JWT_ISSUER` and
 * `JWT_AUDIENCE` (checked, and set on tokens signed here, when given), `JWT_MAX_LIFETIME_SECONDS`
 * (default 24 h: `exp - iat` may not exceed it) and `JWT_CLOCK_SKEW_SECONDS` (default 30).
 */
export interface TokenPolicy {
  issuer?: string;
  audience?: string;
  maxLifetimeSeconds: number;
  clockSkewSeconds: number;
}

export const DEFAULT_TOKEN_MAX_LIFETIME_SECONDS = 24 * 3600;
export const DEFAULT_TOKEN_CLOCK_SKEW_SECONDS = 30;

/** A token was refused; `reason` is ours and safe to show (never the library's message). */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(`invalid token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

export function jwtSecret(env: NodeJS.ProcessEnv = process.env): string {
  return env.JWT_SECRET && env.JWT_SECRET.length > 0 ? env.JWT_SECRET : DEV_JWT_SECRET;
}

export function tokenPolicy(env: NodeJS.ProcessEnv = process.env): TokenPolicy {
  return {
    issuer: env.JWT_ISSUER || undefined,
    audience: env.JWT_AUDIENCE || undefined,
    maxLifetimeSeconds: seconds(
      env,
      'JWT_MAX_LIFETIME_SECONDS',
      DEFAULT_TOKEN_MAX_LIFETIME_SECONDS,
    ),
    clockSkewSeconds: seconds(env, 'JWT_CLOCK_SKEW_SECONDS', DEFAULT_TOKEN_CLOCK_SKEW_SECONDS),
  };
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number of seconds, not ${raw}`);
  }
  return value;
}

/** Signs an HS256 token with `sub`, `roles`, `iat`, `exp` and the policy's issuer and audience. */
export function signToken(
  claims: TokenClaims,
  secret = jwtSecret(),
  expiresIn = '12h',
  policy: TokenPolicy = tokenPolicy(),
): string {
  return jwt.sign({ roles: claims.roles }, secret, {
    algorithm: 'HS256',
    subject: claims.sub,
    expiresIn: expiresIn as jwt.SignOptions['expiresIn'],
    ...(policy.issuer ? { issuer: policy.issuer } : {}),
    ...(policy.audience ? { audience: policy.audience } : {}),
  });
}

/**
 * Verifies an HS256 token: signature, `exp` (required), `iat` (required, not in the future),
 * a lifetime `exp - iat` within the policy's bound, a non-empty `sub`, and the issuer and
 * audience when the policy names them, all with the policy's clock skew. Throws
 * `InvalidTokenError` with a short reason of ours.
 */
export function verifyToken(
  token: string,
  secret = jwtSecret(),
  policy: TokenPolicy = tokenPolicy(),
): TokenClaims {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, secretKey(secret), {
      algorithms: ['HS256'],
      clockTolerance: policy.clockSkewSeconds,
      ...(policy.issuer ? { issuer: policy.issuer } : {}),
      ...(policy.audience ? { audience: policy.audience } : {}),
    });
  } catch (err) {
    throw new InvalidTokenError(reasonOf(err));
  }
  if (typeof payload === 'string') throw new InvalidTokenError('payload is not an object');
  const { exp, iat, sub } = payload;
  if (typeof exp !== 'number') throw new InvalidTokenError('exp is required');
  if (typeof iat !== 'number') throw new InvalidTokenError('iat is required');
  if (iat > Date.now() / 1000 + policy.clockSkewSeconds) {
    throw new InvalidTokenError('issued in the future');
  }
  if (exp - iat > policy.maxLifetimeSeconds) {
    throw new InvalidTokenError(`lifetime over ${policy.maxLifetimeSeconds} s`);
  }
  if (typeof sub !== 'string' || sub.length === 0) throw new InvalidTokenError('sub is required');
  const roles = Array.isArray(payload.roles) ? payload.roles.map(String) : [];
  return { sub, roles };
}

function reasonOf(err: unknown): string {
  if (err instanceof jwt.TokenExpiredError) return 'expired';
  if (err instanceof jwt.NotBeforeError) return 'not valid yet';
  if (err instanceof jwt.JsonWebTokenError) {
    if (/audience/.test(err.message)) return 'wrong audience';
    if (/issuer/.test(err.message)) return 'wrong issuer';
    if (/signature/.test(err.message)) return 'bad signature';
    if (/algorithm/.test(err.message)) return 'algorithm not allowed';
  }
  return 'malformed';
}

let cachedKey: { secret: string; key: KeyObject } | undefined;

/**
 * The secret as a KeyObject, made once: given a string, jsonwebtoken first tries (and fails)
 * to parse it as a public key on every verify, measured at 5% of an admin request's CPU.
 */
function secretKey(secret: string): KeyObject {
  if (cachedKey?.secret !== secret)
    cachedKey = { secret, key: createSecretKey(Buffer.from(secret)) };
  return cachedKey.key;
}
