import { afterEach, describe, expect, it } from 'vitest';
import { planFaults } from '../../src/sandbox/faults.js';
import { type Fault, parseFault } from '../../src/sandbox/index.js';
import {
  CLIENT_CREDENTIALS,
  closeAll,
  type ErrorBody,
  jsonOf,
  postForm,
  start,
} from './helpers.js';

afterEach(closeAll);

describe('parseFault', () => {
  it('parses each accepted form', () => {
    expect(parseFault('latency:200')).toEqual({ kind: 'latency', ms: 200 });
    expect(parseFault('error:503')).toEqual({ kind: 'error', status: 503 });
    expect(parseFault('reset')).toEqual({ kind: 'reset' });
    expect(parseFault('garbage')).toEqual({ kind: 'garbage' });
    expect(parseFault('hang')).toEqual({ kind: 'hang' });
  });

  it('keeps the rate', () => {
    expect(parseFault('reset', 0.25)).toEqual({ kind: 'reset', rate: 0.25 });
  });

  it('rejects unknown kind naming forms', () => {
    expect(() => parseFault('explode')).toThrow(/'explode'.*latency:<ms>/);
  });

  it('rejects bad arguments', () => {
    expect(() => parseFault('latency')).toThrow(/latency/);
    expect(() => parseFault('latency:-1')).toThrow(/latency/);
    expect(() => parseFault('error:200')).toThrow(/400 to 599/);
    expect(() => parseFault('error:abc')).toThrow(/error:abc/);
    expect(() => parseFault('reset:5')).toThrow(/takes no value/);
  });

  it('rejects rate outside 0..1', () => {
    expect(() => parseFault('hang', 1.5)).toThrow(/rate/);
  });
});

describe('planFaults', () => {
  it('rate decides with the random source', () => {
    const faults: Fault[] = [{ kind: 'reset', rate: 0.5 }];

    expect(planFaults(faults, () => 0.49).outcome).toBe('reset');
    expect(planFaults(faults, () => 0.5).outcome).toBeUndefined();
  });

  it('latencies add and first outcome wins', () => {
    const faults: Fault[] = [
      { kind: 'latency', ms: 10 },
      { kind: 'latency', ms: 5 },
      { kind: 'error', status: 502 },
      { kind: 'hang' },
    ];
    const plan = planFaults(faults, () => 0);

    expect(plan.delayMs).toBe(15);
    expect(plan.outcome).toBe('error');
    expect(plan.status).toBe(502);
  });
});

describe('faults over HTTP', () => {
  const tokenUrl = (base: string) => `${base}/oauth/access_token`;

  it('latency delays then answers', async () => {
    const sandbox = await start({ faults: [{ kind: 'latency', ms: 150 }] });
    const started = performance.now();
    const response = await postForm(tokenUrl(sandbox.url), CLIENT_CREDENTIALS);

    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
  });

  it('error answers the status', async () => {
    const sandbox = await start({ faults: [{ kind: 'error', status: 503 }] });
    const response = await postForm(tokenUrl(sandbox.url), CLIENT_CREDENTIALS);
    const body = await jsonOf<ErrorBody>(response);

    expect(response.status).toBe(503);
    expect(body.errors[0]?.title).toBe('Service Unavailable');
  });

  it('reset fails the fetch', async () => {
    const sandbox = await start({ faults: [{ kind: 'reset' }] });

    await expect(postForm(tokenUrl(sandbox.url), CLIENT_CREDENTIALS)).rejects.toThrow(TypeError);
  });

  it('garbage answers 200 non-JSON', async () => {
    const sandbox = await start({ faults: [{ kind: 'garbage' }] });
    const response = await postForm(tokenUrl(sandbox.url), CLIENT_CREDENTIALS);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('hang never answers until abort', async () => {
    const sandbox = await start({ faults: [{ kind: 'hang' }] });
    const signal = AbortSignal.timeout(200);

    await expect(
      fetch(tokenUrl(sandbox.url), {
        method: 'POST',
        body: new URLSearchParams(CLIENT_CREDENTIALS),
        signal,
      }),
    ).rejects.toThrow(/aborted|timeout/i);
  });

  it('close ends hanging requests', async () => {
    const sandbox = await start({ faults: [{ kind: 'hang' }] });
    const pending = postForm(tokenUrl(sandbox.url), CLIENT_CREDENTIALS).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));

    const started = performance.now();
    await sandbox.close();
    expect(await pending).toBe('failed');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('close ends delayed requests', async () => {
    const sandbox = await start({ faults: [{ kind: 'latency', ms: 60_000 }] });
    const pending = postForm(tokenUrl(sandbox.url), CLIENT_CREDENTIALS).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));

    await sandbox.close();
    expect(await pending).toBe('failed');
  });

  it('rate zero never applies', async () => {
    const sandbox = await start({ faults: [{ kind: 'error', status: 500, rate: 0 }] });

    expect((await postForm(tokenUrl(sandbox.url), CLIENT_CREDENTIALS)).status).toBe(200);
  });

  it('injected random picks requests', async () => {
    const rolls = [0.9, 0.1];
    const sandbox = await start({
      faults: [{ kind: 'error', status: 502, rate: 0.5 }],
      random: () => rolls.shift() ?? 1,
    });

    expect((await postForm(tokenUrl(sandbox.url), CLIENT_CREDENTIALS)).status).toBe(200);
    expect((await postForm(tokenUrl(sandbox.url), CLIENT_CREDENTIALS)).status).toBe(502);
  });

  it('faults skip admin routes', async () => {
    const sandbox = await start({ faults: [{ kind: 'error', status: 500 }] });

    expect((await fetch(`${sandbox.url}/__admin/health`)).status).toBe(200);
  });

  it('faults apply to /v2 routes', async () => {
    const sandbox = await start({ faults: [{ kind: 'error', status: 504 }] });

    expect((await fetch(`${sandbox.url}/v2/customers/x`)).status).toBe(504);
  });

  it('setFaults and clearFaults take effect', async () => {
    const sandbox = await start();
    sandbox.state.setFaults([{ kind: 'error', status: 500 }]);
    expect((await postForm(tokenUrl(sandbox.url), CLIENT_CREDENTIALS)).status).toBe(500);

    sandbox.state.clearFaults();
    expect((await postForm(tokenUrl(sandbox.url), CLIENT_CREDENTIALS)).status).toBe(200);
  });
});
