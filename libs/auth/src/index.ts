export { Actor, AdminOnly, RequireRoles } from './roles.decorator';
export { REQUIRED_ROLES, RolesGuard, type AuthenticatedRequest } from './roles.guard';
export { DEV_JWT_SECRET, jwtSecret, signToken, verifyToken, type TokenClaims } from './jwt';
export { serviceToken } from './service-token';
