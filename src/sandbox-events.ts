import type { Logger } from 'pino';
import type { SandboxState } from './sandbox/index.js';

/** Shortest gap between two log lines about the same sandbox event, in milliseconds. */
const REPEAT_INTERVAL_MS = 60_000;

/**
 * Logs the sandbox's `tokenTableFull` and `requestFailed` events: the first of each kind at
 * once, then at most one line per minute with how many came in between, because under load
 * every token request would repeat it.
 */
export function logSandboxEvents(state: SandboxState, log: Logger, now = Date.now): void {
  const lastLogged = new Map<string, number>();
  const suppressed = new Map<string, number>();

  const logLimited = (event: string, write: (repeats: number) => void) => {
    const last = lastLogged.get(event);
    const time = now();
    if (last !== undefined && time - last < REPEAT_INTERVAL_MS) {
      suppressed.set(event, (suppressed.get(event) ?? 0) + 1);
      return;
    }

    write(suppressed.get(event) ?? 0);
    lastLogged.set(event, time);
    suppressed.set(event, 0);
  };

  state.events.on('tokenTableFull', (error: Error) => {
    logLimited('tokenTableFull', (repeats) => {
      const message = 'sandbox access token table full; token requests get 503 until tokens expire';
      log.warn({ err: error, tokens: state.tokenCount(), repeats }, message);
    });
  });
  state.events.on('requestFailed', (error: unknown) => {
    logLimited('requestFailed', (repeats) => {
      log.error({ err: error, repeats }, 'sandbox token request failed with 500');
    });
  });
}
