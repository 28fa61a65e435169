import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  UseGuards,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { REQUIRED_ROLES, RolesGuard, type AuthenticatedRequest } from './roles.guard';

/**
 * Restricts a route or controller to callers whose token carries at least one of `roles`
 * (401 without a valid bearer token, 403 without the role). On a route, it overrides the
 * controller's.
 */
export function RequireRoles(...roles: [string, ...string[]]) {
  return applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    UseGuards(RolesGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'no or invalid bearer token' }),
    ApiForbiddenResponse({ description: `token without the role ${roles.join(' or ')}` }),
  );
}

/** Restricts a route or controller to callers whose token carries the `admin` role. */
export function AdminOnly() {
  return RequireRoles('admin');
}

/** The authenticated caller's subject, recorded with every state change it makes. */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  return req.actor?.sub ?? 'anonymous';
});
