import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeSystemError } from '../src/system-error.js';

function systemError(code: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(`${code} happened`), { code, ...fields });
}

describe('describeSystemError', () => {
  it('names a port in use', async () => {
    const first = createServer();
    await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', resolve));
    const { port } = first.address() as { port: number };
    const second = createServer();

    const error = await new Promise<Error>((resolve) => {
      second.once('error', resolve);
      second.listen(port, '127.0.0.1');
    });
    first.close();

    expect(describeSystemError(error)).toBe(
      `127.0.0.1:${port} is already in use; choose another port, or 0 for a free one`,
    );
  });

  it('names a folder given as a file', () => {
    const message = describeSystemError(systemError('EISDIR', { path: '/tmp' }));

    expect(message).toBe('"/tmp" is a folder; give a file path inside it');
  });

  it('names a missing path', () => {
    const message = describeSystemError(systemError('ENOENT', { path: '/nope/x' }));

    expect(message).toContain('"/nope/x" does not exist');
  });

  it('ignores errors without a code', () => {
    expect(describeSystemError(new Error('plain'))).toBeUndefined();
  });

  it('ignores codes the user cannot fix', () => {
    expect(describeSystemError(systemError('ECONNRESET', {}))).toBeUndefined();
  });
});
