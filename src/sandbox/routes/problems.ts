import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendApiError, TITLES } from '../errors.js';
import type { SandboxState } from '../state.js';
import { bodyKind, type FieldProblem } from './body.js';

/** Sends a validation failure in the API's 422 shape, which has no `status` member. */
export function sendFieldProblem(
  reply: FastifyReply,
  state: SandboxState,
  problem: FieldProblem,
): FastifyReply {
  return sendApiError(reply, state, state.behaviour.missingFieldStatus, {
    title: TITLES.failedValidation,
    detail: problem.detail,
    omitStatus: true,
  });
}

/**
 * Sends 415 for a form body on a JSON route and returns true. A JSON body, or none, passes,
 * and a missing body then fails validation as missing `data`.
 */
export function rejectFormBody(
  request: FastifyRequest,
  reply: FastifyReply,
  state: SandboxState,
): boolean {
  if (bodyKind(request) !== 'form') return false;
  sendApiError(reply, state, 415, { detail: 'Send the body as application/json.' });
  return true;
}
