import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
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

/** Delays or replaces one response according to the planned faults. */
async function applyFaults(
  request: FastifyRequest,
  reply: FastifyReply,
  state: SandboxState,
  closing: AbortSignal,
): Promise<void> {
  const plan = planFaults(state.faults, state.random);
  if (plan.delayMs > 0) {
    try {
      await delay(plan.delayMs, undefined, { signal: closing });
    } catch {
      // The sandbox is closing, so drop the request instead of replying late.
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
  }

  switch (plan.outcome) {
    case undefined:
      return;
    case 'error':
      sendApiError(reply, state, plan.status ?? 500, {
        detail: 'The sandbox injected this error.',
      });
      return;
    case 'garbage':
      reply.code(200).type('application/json; charset=utf-8').send(GARBAGE_BODY);
      return;
    case 'reset':
      reply.hijack();
      request.raw.socket.destroy();
      return;
    case 'hang':
      // Sends nothing. The socket closes when the client gives up or the sandbox closes.
      reply.hijack();
      return;
  }
}

/**
 * Builds the `onRequest` hook that injects the configured faults. `closing` aborts latency
 * delays when the sandbox shuts down. The hook is synchronous while no fault is set, so
 * requests then cost no promise.
 */
export function injectFaults(state: SandboxState, closing: AbortSignal): onRequestHookHandler {
  return (request, reply, done) => {
    if (state.faults.length === 0 || isAdminPath(request.url)) {
      done();
      return;
    }

    // fastify stops the hook chain itself after a reply is sent or hijacked.
    applyFaults(request, reply, state, closing).then(() => done(), done);
  };
}
