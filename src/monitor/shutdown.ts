import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';

const SIGNAL_EXIT_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Calls `graceful` on the first SIGINT or SIGTERM. A second signal while it runs exits at
 * once with 128 plus the signal number. Returns a function that removes the listeners.
 */
export function handleShutdownSignals(
  log: Logger,
  graceful: (signal: NodeJS.Signals) => void,
  exit: (code: number) => void = (code) => process.exit(code),
  signals: EventEmitter = process,
): () => void {
  let received: NodeJS.Signals | undefined;

  const listener = (signal: NodeJS.Signals): void => {
    if (received !== undefined) {
      log.warn({ signal }, 'second signal received, exiting without waiting');
      log.flush();
      exit(SIGNAL_EXIT_CODES[signal] ?? 1);
      return;
    }

    received = signal;
    log.info({ signal }, 'signal received, stopping schedules and waiting for runs in flight');
    graceful(signal);
  };

  signals.on('SIGINT', listener);
  signals.on('SIGTERM', listener);

  return () => {
    signals.off('SIGINT', listener);
    signals.off('SIGTERM', listener);
  };
}
