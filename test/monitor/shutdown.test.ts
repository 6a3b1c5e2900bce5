import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import clientCredentials from '../../monitors/client-credentials.js';
import { createEngine } from '../../src/monitor/engine.js';
import { handleShutdownSignals } from '../../src/monitor/shutdown.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { captureLog } from './support/capture.js';
import { runnerOptions } from './support/runner.js';

describe('shutdown', () => {
  it('second signal exits at once', () => {
    const { log } = captureLog();
    const graceful: string[] = [];
    const exits: number[] = [];
    const signals = new EventEmitter();
    const onSignal = (signal: string) => graceful.push(signal);
    const remove = handleShutdownSignals(log, onSignal, (code) => exits.push(code), signals);

    signals.emit('SIGTERM', 'SIGTERM');
    signals.emit('SIGINT', 'SIGINT');
    remove();

    expect(graceful).toEqual(['SIGTERM']);
    expect(exits).toEqual([130]);
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('drain waits for runs', async () => {
    const sandbox: Sandbox = await startSandbox({ faults: [{ kind: 'latency', ms: 150 }] });
    const { log } = captureLog();
    const engine = createEngine({ ...runnerOptions(sandbox.url), log, sinks: [] });
    try {
      const run = engine.run(clientCredentials);

      expect(engine.inFlight()).toBe(1);
      expect(await engine.drain(5000)).toBe(true);
      expect((await run).outcome).toBe('pass');
    } finally {
      await sandbox.close();
    }
  });

  it('drain gives up at limit', async () => {
    const sandbox: Sandbox = await startSandbox({ faults: [{ kind: 'hang' }] });
    const { log } = captureLog();
    const engine = createEngine({
      ...runnerOptions(sandbox.url, { timeoutMs: 1000 }),
      log,
      sinks: [],
    });
    try {
      const run = engine.run(clientCredentials);

      expect(await engine.drain(50)).toBe(false);
      await run;
    } finally {
      await sandbox.close();
    }
  });
});
