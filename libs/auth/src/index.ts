export { Actor, AdminOnly } from './admin.decorator';
export { AdminGuard, type AuthenticatedRequest } from './admin.guard';
export { DEV_JWT_SECRET, jwtSecret, signToken, verifyToken, type TokenClaims } from './jwt';
