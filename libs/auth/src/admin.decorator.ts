import {
  applyDecorators,
  createParamDecorator,
  UseGuards,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AdminGuard, type AuthenticatedRequest } from './admin.guard';

/** Restricts a route or controller to callers whose token carries the `admin` role. */
export function AdminOnly() {
  return applyDecorators(
    UseGuards(AdminGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'no or invalid bearer token' }),
    ApiForbiddenResponse({ description: 'token without the admin role' }),
  );
}

/** The authenticated caller's subject, recorded with every state change it makes. */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  return req.actor?.sub ?? 'anonymous';
});
