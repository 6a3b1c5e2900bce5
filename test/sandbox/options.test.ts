import { afterEach, describe, expect, it } from 'vitest';
import {
  SANDBOX_BEHAVIOUR_DEFAULTS,
  SANDBOX_DEFAULTS,
  type SandboxOptions,
  SandboxOptionsError,
  startSandbox,
} from '../../src/sandbox/index.js';
import { closeAll, start } from './helpers.js';

afterEach(closeAll);

async function optionProblems(options: unknown): Promise<string[]> {
  try {
    const sandbox = await startSandbox(options as SandboxOptions);
    await sandbox.close();
  } catch (error) {
    if (error instanceof SandboxOptionsError) return error.problems;
    throw error;
  }
  return [];
}

describe('sandbox options', () => {
  it('url is loopback without trailing slash', async () => {
    const sandbox = await start();

    expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
    expect(sandbox.port).toBeGreaterThan(0);
  });

  it('collects every invalid option', async () => {
    const problems = await optionProblems({
      port: -1,
      profile: 'future',
      behaviour: { jwtSegmentEncoding: 'hex', nonsense: true },
      faults: [{ kind: 'error' }],
    });

    expect(problems.some((problem) => problem.startsWith('port:'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('profile:'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('behaviour.jwtSegmentEncoding:'))).toBe(
      true,
    );
    expect(problems.some((problem) => problem.includes('nonsense'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('faults.0.status:'))).toBe(true);
  });

  it('undefined values keep defaults', async () => {
    const sandbox = await start({
      rateLimit: undefined,
      accessTokenLifetimeSeconds: undefined,
      behaviour: { jsonBodyStatus: undefined },
    });

    expect(sandbox.state.accessTokenLifetimeSeconds).toBe(3600);
    expect(sandbox.state.behaviour.jsonBodyStatus).toBe(400);
    expect(sandbox.state.rateLimit).toBeUndefined();
  });

  it('caller options stay untouched', async () => {
    const options: SandboxOptions = { behaviour: { corsOnErrors: true }, faults: [] };
    const copy = structuredClone(options);
    const sandbox = await start(options);
    sandbox.state.setFaults([{ kind: 'hang' }]);

    expect(options).toEqual(copy);
  });

  it('defaults are frozen fakes', () => {
    expect(Object.isFrozen(SANDBOX_DEFAULTS)).toBe(true);
    expect(Object.isFrozen(SANDBOX_BEHAVIOUR_DEFAULTS)).toBe(true);
    expect(SANDBOX_DEFAULTS.clientId).toBe('sandbox-client-id');
    expect(SANDBOX_DEFAULTS.customer.email).toBe('ada@sandbox.test');
  });

  it('behaviour defaults match the reference guesses', () => {
    expect(SANDBOX_BEHAVIOUR_DEFAULTS).toMatchObject({
      wrongCredentialsStatus: null,
      jsonBodyStatus: 400,
      acceptTrailingSlash: true,
      lenientBearerColon: true,
      customerLoginFailureStatus: 401,
      missingFieldStatus: 422,
      duplicateEmailStatus: 409,
      jwtSegmentEncoding: 'base64',
      refreshIdentifier: 'refresh_token',
      revokeEarlierTokensOnIssue: false,
    });
  });

  it('state setters reject invalid values', async () => {
    const sandbox = await start();

    expect(() => sandbox.state.setFaults([{ kind: 'latency' }])).toThrow(SandboxOptionsError);
    expect(() => sandbox.state.setRateLimit({ requestsPerSecond: 0 })).toThrow(SandboxOptionsError);
  });

  it('close twice is harmless', async () => {
    const sandbox = await startSandbox();
    await sandbox.close();

    await expect(sandbox.close()).resolves.toBeUndefined();
  });
});
