import type { FastifyReply } from 'fastify';
import { sendApiError } from '../errors.js';
import type { SandboxState } from '../state.js';

/** Sends 404 without repeating the path, which could carry a token. */
export function sendNotFound(reply: FastifyReply, state: SandboxState): FastifyReply {
  return sendApiError(reply, state, 404, { detail: 'The sandbox has no route at this path.' });
}
