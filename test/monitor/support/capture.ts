import { Writable } from 'node:stream';
import { createLogger } from '../../../src/log.js';

/** Creates a logger that keeps its JSON lines in memory, and a reader of the parsed lines. */
export function captureLog(level = 'debug') {
  const text: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      text.push(String(chunk));
      done();
    },
  });
  const log = createLogger({ level, destination });
  const lines = () =>
    text
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  return { log, lines, raw: () => text.join('') };
}
