import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactPaths } from '../src/log.js';

function captureLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });

  return { log: createLogger({ destination: destination as never }), lines };
}

describe('createLogger', () => {
  it('redacts secrets at every depth', () => {
    const { log, lines } = captureLogger();

    log.info(
      {
        password: 'p0',
        request: { client_secret: 'p1', headers: { authorization: 'Bearer p2' } },
        a: { b: { c: { access_token: 'p3', d: { refresh_token: 'p4' } } } },
        headers: { 'x-moltin-customer-token': 'p5' },
      },
      'request sent',
    );

    const line = lines.join('');
    for (const secret of ['p0', 'p1', 'p2', 'p3', 'p4', 'p5']) {
      expect(line).not.toContain(`"${secret}"`);
    }
    expect(line).not.toContain('Bearer p2');
    expect(line).toContain('[redacted]');
  });

  it('keeps ordinary fields', () => {
    const { log, lines } = captureLogger();

    log.info({ monitor: 'refresh', status: 200, latencyMs: 12 }, 'check finished');
    const record = JSON.parse(lines[0] ?? '{}');

    expect(record.monitor).toBe('refresh');
    expect(record.status).toBe(200);
    expect(record.msg).toBe('check finished');
  });

  it('covers hyphenated keys with brackets', () => {
    expect(redactPaths()).toContain('*["x-moltin-customer-token"]');
  });
});
