import { AsyncLocalStorage } from 'node:async_hooks';
import diagnosticsChannel from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Timing } from './types.js';

// Phase timings come from undici's diagnostics channels. A call runs its dispatch inside an
// AsyncLocalStorage context, and undici publishes `undici:request:create` synchronously in
// that dispatch, so the request object can be matched to the call. Later events carry the
// same request object. Connection phases are stored per socket by the connector (see
// connector.ts), and the first request written on a socket takes them.

export interface ConnectionPhases {
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
}

/** Collects the timing of one call. */
export class CallTimer {
  private readonly startedAt = performance.now();
  headersSentAt?: number;
  headersReceivedAt?: number;
  phases?: ConnectionPhases;
  reusedConnection = false;

  finish(): Timing {
    const timing: Timing = {
      totalMs: performance.now() - this.startedAt,
      reusedConnection: this.reusedConnection,
    };

    if (this.phases !== undefined) {
      Object.assign(timing, this.phases);
    }

    if (this.headersSentAt !== undefined && this.headersReceivedAt !== undefined) {
      timing.firstByteMs = this.headersReceivedAt - this.headersSentAt;
    }

    return timing;
  }
}

const callStore = new AsyncLocalStorage<CallTimer>();
const timerByRequest = new WeakMap<object, CallTimer>();

// Sockets that finished connecting and have not carried a request yet, with their phases.
const freshSockets = new WeakMap<object, ConnectionPhases>();
const usedSockets = new WeakSet<object>();

/** Runs `dispatch` so that the undici request it creates is timed by `timer`. */
export function runTimed<T>(timer: CallTimer, dispatch: () => T): T {
  return callStore.run(timer, dispatch);
}

/** Stores the phases measured while opening `socket`, for the first request sent on it. */
export function recordConnection(socket: Socket, phases: ConnectionPhases): void {
  freshSockets.set(socket, phases);
}

function onRequestCreate(message: unknown): void {
  const { request } = message as { request: object };
  const timer = callStore.getStore();

  if (timer !== undefined) {
    timerByRequest.set(request, timer);
  }
}

// Dispatchers the client does not own have no timed connector, so a new socket is still
// recognised as new here, only without phases.
function onConnected(message: unknown): void {
  const { socket } = message as { socket: object };

  if (!freshSockets.has(socket)) {
    freshSockets.set(socket, {});
  }
}

function onSendHeaders(message: unknown): void {
  const { request, socket } = message as { request: object; socket: object };
  const timer = timerByRequest.get(request);
  const phases = freshSockets.get(socket);
  const isFirstRequest = phases !== undefined && !usedSockets.has(socket);

  usedSockets.add(socket);
  freshSockets.delete(socket);

  if (timer === undefined) {
    return;
  }

  timer.headersSentAt = performance.now();
  timer.reusedConnection = !isFirstRequest;

  if (isFirstRequest) {
    timer.phases = phases;
  }
}

function onResponseHeaders(message: unknown): void {
  const { request } = message as { request: object };
  const timer = timerByRequest.get(request);

  if (timer !== undefined && timer.headersReceivedAt === undefined) {
    timer.headersReceivedAt = performance.now();
  }
}

diagnosticsChannel.subscribe('undici:request:create', onRequestCreate);
diagnosticsChannel.subscribe('undici:client:connected', onConnected);
diagnosticsChannel.subscribe('undici:client:sendHeaders', onSendHeaders);
diagnosticsChannel.subscribe('undici:request:headers', onResponseHeaders);
