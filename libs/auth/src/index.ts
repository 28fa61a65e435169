export { AuthConfig, MIN_JWT_SECRET_BYTES, jwtSecretProblem } from './auth-config';
export { CustomerAuthModule } from './customer-auth.module';
export { type CustomerAuthOptions } from './customer-auth.options';
export {
  CUSTOMER_AUTH_MODES,
  CUSTOMER_ROLE,
  CustomerCaller,
  type CustomerAuthMode,
} from './customer-caller';
export { Customer, CustomerOnly } from './customer.decorator';
export { CUSTOMER_ROUTE, CustomerGuard, type CustomerSource } from './customer.guard';
export { Actor, AdminOnly, RequireRoles } from './roles.decorator';
export { CallingMirror, MIRROR_ROLE } from './calling-mirror.decorator';
export { REQUIRED_ROLES, RolesGuard, type AuthenticatedRequest } from './roles.guard';
export {
  DEFAULT_TOKEN_CLOCK_SKEW_SECONDS,
  DEFAULT_TOKEN_MAX_LIFETIME_SECONDS,
  DEV_JWT_SECRET,
  InvalidTokenError,
  jwtSecret,
  signToken,
  tokenPolicy,
  verifyToken,
  type TokenClaims,
  type TokenPolicy,
} from './jwt';
export { serviceToken } from './service-token';
