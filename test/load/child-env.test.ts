import { describe, expect, it } from 'vitest';
import { buildChildEnv } from '../../src/load/child-env.js';

const credentials = {
  clientId: 'id-1',
  clientSecret: 'secret-1',
  customerEmail: 'c@example.com',
  customerPassword: 'pw-1',
};

describe('buildChildEnv', () => {
  const env = buildChildEnv({
    parent: {
      PATH: '/bin',
      HOME: '/home/u',
      AWS_SECRET_ACCESS_KEY: 'unrelated',
      MOLTIN_CLIENT_SECRET: 'stale',
      K6_WEB_DASHBOARD: 'true',
      K6_BIN: '/opt/k6',
      LOAD_RATE: '3',
    },
    baseUrl: 'http://127.0.0.1:9',
    credentials,
    load: { LOAD_RATE: '7', LOAD_SCENARIO: 'smoke' },
  });

  it('carries target and credentials', () => {
    expect(env.MOLTIN_BASE_URL).toBe('http://127.0.0.1:9');
    expect(env.MOLTIN_CLIENT_SECRET).toBe('secret-1');
    expect(env.MOLTIN_CUSTOMER_PASSWORD).toBe('pw-1');
  });

  it('keeps unrelated variables out', () => {
    expect(env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
    expect(env.K6_BIN).toBeUndefined();
  });

  it('passes k6 settings through', () => {
    expect(env.K6_WEB_DASHBOARD).toBe('true');
    expect(env.PATH).toBe('/bin');
  });

  it('lets flags win over the environment', () => {
    expect(env.LOAD_RATE).toBe('7');
  });

  it('turns off the usage report', () => {
    expect(env.K6_NO_USAGE_REPORT).toBe('true');
  });
});
