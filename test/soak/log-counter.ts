import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../src/log.js';

/**
 * Creates a project logger whose lines are counted by message and then dropped, so thousands
 * of runs cost no memory. Lines that are not JSON are counted as `(unreadable)`.
 */
export function countingLogger(level = 'info'): { log: Logger; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  let partial = '';

  const destination = new Writable({
    write(chunk, _encoding, done) {
      const lines = (partial + String(chunk)).split('\n');
      partial = lines.pop() ?? '';

      for (const line of lines.filter(Boolean)) {
        let message = '(unreadable)';
        try {
          message = String((JSON.parse(line) as { msg?: unknown }).msg);
        } catch {
          // Counted under the placeholder above.
        }
        counts.set(message, (counts.get(message) ?? 0) + 1);
      }
      done();
    },
  });

  return { log: createLogger({ level, destination }), counts };
}
