import {
  ApiError,
  ResponseShapeError,
  ResponseTooLargeError,
  TimeoutError,
  TransportError,
} from '../client/index.js';
import type { FailureClass } from './types.js';

/** Raised inside a flow when a step's checks failed. The step result contains the details. */
export class StepCheckFailure extends Error {
  override readonly name = 'StepCheckFailure';

  constructor(
    readonly step: string,
    readonly failureClass: 'assertion' | 'contract',
    message: string,
  ) {
    super(message);
  }
}

/** Whether the client rejected a 2xx body because it was not JSON at all. */
function notJson(error: ResponseShapeError): boolean {
  return error.issues.some((issue) => /expected JSON/.test(issue));
}

/**
 * Maps an error raised by a step to its failure class. A JSON body that does not fit the
 * client's schema is a `contract` break. A body that is not JSON, or is larger than the
 * client's `maxResponseBytes`, is a `bad_body`.
 */
export function classifyError(error: unknown): FailureClass {
  if (error instanceof StepCheckFailure) {
    return error.failureClass;
  }

  if (error instanceof TimeoutError) {
    return 'timeout';
  }

  if (error instanceof TransportError) {
    return error.kind === 'other' ? 'transport' : error.kind;
  }

  if (error instanceof ApiError) {
    return error.status === 429 ? 'rate_limited' : 'http_status';
  }

  if (error instanceof ResponseShapeError) {
    return notJson(error) ? 'bad_body' : 'contract';
  }

  if (error instanceof ResponseTooLargeError) {
    return 'bad_body';
  }

  return 'error';
}

/** The HTTP status an error carries, when a response arrived. */
export function statusOf(error: unknown): number | undefined {
  if (
    error instanceof ApiError ||
    error instanceof ResponseShapeError ||
    error instanceof ResponseTooLargeError
  ) {
    return error.status;
  }

  return undefined;
}
