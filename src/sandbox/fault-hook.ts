import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendApiError } from './errors.js';
import { planFaults } from './faults.js';
import type { SandboxState } from './state.js';

/** Routes under this prefix control the sandbox and never meet a fault. */
export const ADMIN_PREFIX = '/__admin';

/** A body labelled JSON but cut off, as a broken proxy or a dropped stream leaves it. */
const GARBAGE_BODY = '{"access_token":"';

export function isAdminPath(url: string): boolean {
  return (
    url === ADMIN_PREFIX || url.startsWith(`${ADMIN_PREFIX}/`) || url.startsWith(`${ADMIN_PREFIX}?`)
  );
}

/**
 * Builds the `onRequest` hook that injects the configured faults. `closing` aborts latency
 * delays when the sandbox shuts down.
 */
export function injectFaults(state: SandboxState, closing: AbortSignal) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (isAdminPath(request.url) || state.faults.length === 0) return;

    const plan = planFaults(state.faults, state.random);
    if (plan.delayMs > 0) {
      try {
        await delay(plan.delayMs, undefined, { signal: closing });
      } catch {
        // The sandbox is closing, so drop the request instead of replying late.
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      }
    }

    switch (plan.outcome) {
      case undefined:
        return;
      case 'error':
        return sendApiError(reply, state, plan.status ?? 500, {
          detail: 'The sandbox injected this error.',
        });
      case 'garbage':
        return reply.code(200).type('application/json; charset=utf-8').send(GARBAGE_BODY);
      case 'reset':
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      case 'hang':
        // Sends nothing. The socket closes when the client gives up or the sandbox closes.
        reply.hijack();
        return reply;
    }
  };
}
