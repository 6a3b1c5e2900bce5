import type { StepName } from './catalog.js';

// Custom metric names. They live apart from the metric objects so option builders and the
// launcher can use them without loading k6 modules.

/** Rate of responses that were `429 Too Many Requests`, over every response. */
export const RATE_LIMITED = 'rate_limited';

/** Rate of responses with a 5xx status, over every response. */
export const SERVER_ERRORS = 'server_errors';

/** Counter of access and customer tokens received with a well-formed body. */
export const TOKENS_ISSUED = 'tokens_issued';

/** Counter of checks evaluated; a threshold keeps it above zero. */
export const CHECKS_RUN = 'checks_run';

/** Name of the Trend of successful response times for one step, in milliseconds. */
export function stepTrendName(step: StepName): string {
  return `${step}_duration`;
}
