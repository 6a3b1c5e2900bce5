export { SANDBOX_BEHAVIOUR_DEFAULTS, type SandboxBehaviour } from './behaviour.js';
export { type CustomerView, DuplicateEmailError, type NewCustomer } from './customer-store.js';
export { SANDBOX_DEFAULTS } from './defaults.js';
export { parseFault } from './faults.js';
export { type CustomerTokenClaims, verifyJwt } from './jwt.js';
export { SandboxOptionsError } from './options.js';
export { startSandbox } from './server.js';
export { SandboxState } from './state.js';
export type {
  Clock,
  Fault,
  FaultKind,
  Profile,
  RateLimit,
  Sandbox,
  SandboxClientSeed,
  SandboxCustomerSeed,
  SandboxOptions,
} from './types.js';
