export { createClient } from './client.js';
export {
  ApiError,
  type ApiErrorEntry,
  ConfigurationError,
  ERROR_CODES,
  type ErrorCode,
  HarnessError,
  isHarnessError,
  ResponseShapeError,
  ResponseTooLargeError,
  TimeoutError,
  TransportError,
  type TransportErrorKind,
} from './errors.js';
export { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from './options.js';
export {
  accessTokenSchema,
  customerResponseSchema,
  customerSchema,
  customerTokenResponseSchema,
  customerTokenSchema,
  type ErrorBody,
  errorBodySchema,
  errorEntrySchema,
} from './schemas.js';
export type {
  AccessToken,
  ApiResponse,
  ClientOptions,
  Customer,
  CustomerToken,
  Timing,
  TokenClient,
} from './types.js';
