import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './roles.guard';

/** Role of the service tokens mirrors read their owners with (`serviceToken(name, [MIRROR_ROLE])`). */
export const MIRROR_ROLE = 'mirror';

/**
 * The name of the mirror calling (its token's subject, when the token carries the `mirror`
 * role), or `undefined` for any other caller, an admin included.
 */
export const CallingMirror = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | undefined => {
    const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    return actor?.roles.includes(MIRROR_ROLE) ? actor.sub : undefined;
  },
);
