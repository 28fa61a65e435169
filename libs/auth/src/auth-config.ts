import { IsString, ValidateBy, type ValidationArguments } from 'class-validator';
import { DEV_JWT_SECRET } from './jwt';

/** Shortest secret accepted for HS256 outside development: the hash's 256 bits. */
export const MIN_JWT_SECRET_BYTES = 32;

/** Why `secret` may not sign tokens where `NODE_ENV` is `nodeEnv`; undefined when it may. */
export function jwtSecretProblem(secret: string, nodeEnv: string): string | undefined {
  const development = nodeEnv === 'development';
  if (secret === DEV_JWT_SECRET) {
    return development
      ? undefined
      : `is the public development default, refused with NODE_ENV=${nodeEnv}: set a secret of at least ${MIN_JWT_SECRET_BYTES} bytes`;
  }
  if (Buffer.byteLength(secret) < MIN_JWT_SECRET_BYTES) {
    return `must be at least ${MIN_JWT_SECRET_BYTES} bytes`;
  }
  return undefined;
}

const problemOf = (args: ValidationArguments) =>
  jwtSecretProblem(String(args.value), (args.object as AuthConfig).NODE_ENV);

/**
 * The part of every service's configuration that signs and checks tokens. A service extends
 * it, so `JWT_SECRET` is validated at boot: outside development (`NODE_ENV` unset or
 * `development`) the public default is refused, and any secret must have 32 bytes or more.
 */
export class AuthConfig {
  @IsString() NODE_ENV = 'development';

  @ValidateBy({
    name: 'jwtSecret',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => !args || !problemOf(args),
      defaultMessage: (args?: ValidationArguments) =>
        `JWT_SECRET ${args ? problemOf(args) : 'is invalid'}`,
    },
  })
  JWT_SECRET = DEV_JWT_SECRET;
}
