import { constants } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  type ClientOptions,
  ConfigurationError,
  createClient,
  ERROR_CODES,
  isHarnessError,
} from '../../src/client/index.js';
import { joinUrl, resolveOptions } from '../../src/client/options.js';

function configError(options: unknown): ConfigurationError {
  try {
    createClient(options as ClientOptions);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      return error;
    }

    throw error;
  }

  throw new Error('createClient accepted invalid options');
}

describe('createClient options', () => {
  it('rejects ftp URL', () => {
    const error = configError({ baseUrl: 'ftp://example.com' });

    expect(error.name).toBe('ConfigurationError');
    expect(error.code).toBe(ERROR_CODES.configuration);
    expect(error.code).toBe('E_CONFIG');
    expect(isHarnessError(error)).toBe(true);
    expect(error.message).toContain('"ftp://example.com"');
    expect(error.message).toContain('only http: and https:');
    expect(error.message).toContain('Set baseUrl to the API origin');
  });

  it('rejects unparsable URL', () => {
    const error = configError({ baseUrl: 'useast.api.elasticpath.com' });

    expect(error.message).toContain('"useast.api.elasticpath.com" is not a valid URL');
  });

  it('rejects missing baseUrl', () => {
    const error = configError({});

    expect(error.message).toContain('baseUrl is missing or empty (got undefined)');
  });

  it('rejects user information', () => {
    const error = configError({ baseUrl: 'http://user:hunter2-pass@127.0.0.1:1' });

    expect(error.message).toContain('contains user information');
    expect(error.message).not.toContain('hunter2-pass');
  });

  it('rejects query string', () => {
    const error = configError({ baseUrl: 'http://127.0.0.1:1/?x=1' });

    expect(error.message).toContain('has a query or fragment');
  });

  it('lists every problem', () => {
    const error = configError({
      baseUrl: 'nope',
      timeoutMs: 0,
      maxResponseBytes: 0,
      headers: { 'x-a': 1 },
    });

    expect(error.message).toContain('baseUrl "nope" is not a valid URL');
    expect(error.message).toContain('timeoutMs must be a positive number of milliseconds (got 0)');
    expect(error.message).toContain('maxResponseBytes must be a positive integer');
    expect(error.message).toContain('headers.x-a must be a string (got number)');
  });

  for (const value of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1024']) {
    it(`rejects maxResponseBytes ${String(value)}`, () => {
      const error = configError({ baseUrl: 'http://127.0.0.1:1', maxResponseBytes: value });

      expect(error.message).toContain(
        `maxResponseBytes must be a positive integer number of bytes (got ${String(value)})`,
      );
      expect(error.message).toContain('Omit it for the default of 1048576 (1 MiB)');
    });
  }

  it('rejects maxResponseBytes over ceiling', () => {
    const value = constants.MAX_STRING_LENGTH + 1;
    const error = configError({ baseUrl: 'http://127.0.0.1:1', maxResponseBytes: value });

    expect(error.message).toContain(
      `maxResponseBytes must be at most ${constants.MAX_STRING_LENGTH}`,
    );
    expect(error.message).toContain(`(got ${value})`);
  });

  it('has no request context', () => {
    const error = configError({ baseUrl: '' });

    expect(error.method).toBeUndefined();
  });
});

describe('resolveOptions', () => {
  it('applies default timeout', () => {
    expect(resolveOptions({ baseUrl: 'http://127.0.0.1:1' }).timeoutMs).toBe(10_000);
  });

  it('applies default body limit', () => {
    expect(resolveOptions({ baseUrl: 'http://127.0.0.1:1' }).maxResponseBytes).toBe(1024 * 1024);
  });

  it('keeps a given body limit', () => {
    const resolved = resolveOptions({ baseUrl: 'http://127.0.0.1:1', maxResponseBytes: 1 });

    expect(resolved.maxResponseBytes).toBe(1);
  });

  it('lower-cases header names', () => {
    const resolved = resolveOptions({ baseUrl: 'http://127.0.0.1:1', headers: { 'X-Run': 'a' } });

    expect(resolved.headers).toEqual({ 'x-run': 'a' });
  });

  it('freezes the result', () => {
    expect(Object.isFrozen(resolveOptions({ baseUrl: 'http://127.0.0.1:1' }))).toBe(true);
  });

  it('leaves caller headers untouched', () => {
    const headers = { 'X-Run': 'a' };
    resolveOptions({ baseUrl: 'http://127.0.0.1:1', headers });

    expect(headers).toEqual({ 'X-Run': 'a' });
  });
});

describe('joinUrl', () => {
  it('origin with trailing slash', () => {
    expect(joinUrl(new URL('https://api.example/'), '/v2/customers')).toBe(
      'https://api.example/v2/customers',
    );
  });

  it('keeps a path prefix', () => {
    expect(joinUrl(new URL('https://api.example/base/'), '/v2/customers')).toBe(
      'https://api.example/base/v2/customers',
    );
  });
});
