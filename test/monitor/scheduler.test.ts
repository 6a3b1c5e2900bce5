import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import clientCredentials from '../../monitors/client-credentials.js';
import refresh from '../../monitors/refresh.js';
import type { Engine } from '../../src/monitor/engine.js';
import { createScheduler } from '../../src/monitor/scheduler.js';
import type { RunResult } from '../../src/monitor/types.js';
import { captureLog } from './support/capture.js';

function stubEngine(run: () => Promise<RunResult>): Engine & { calls: number } {
  const engine = {
    calls: 0,
    run: async () => {
      engine.calls += 1;
      return run();
    },
    runAll: async () => [],
    inFlight: () => 0,
    drain: async () => true,
  };
  return engine;
}

const failed = { outcome: 'fail' } as RunResult;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2030-01-01T00:00:30Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('scheduler', () => {
  it('runs every minute in UTC', async () => {
    const engine = stubEngine(async () => failed);
    const { log } = captureLog();
    const scheduler = createScheduler([clientCredentials], { engine, log });

    scheduler.start();
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    await scheduler.stop();

    expect(engine.calls).toBe(3);
  });

  it('keeps going after a crash', async () => {
    const engine = stubEngine(async () => {
      throw new Error('sink exploded');
    });
    const { log, lines } = captureLog();
    const scheduler = createScheduler([clientCredentials], { engine, log });

    scheduler.start();
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    await scheduler.stop();

    expect(engine.calls).toBe(2);
    expect(lines().filter((line) => line.msg === 'monitor run crashed')).toHaveLength(2);
  });

  it('logs and counts overlap', async () => {
    const engine = stubEngine(() => new Promise<RunResult>(() => {}));
    const { log, lines } = captureLog();
    const overlapped: string[] = [];
    const events = { missed: () => {}, overlapped: (monitor: string) => overlapped.push(monitor) };
    const scheduler = createScheduler([clientCredentials], { engine, log, events });

    scheduler.start();
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    await scheduler.stop();

    expect(engine.calls).toBe(1);
    expect(overlapped).toEqual(['client-credentials', 'client-credentials']);
    expect(
      lines().filter((line) => line.msg === 'monitor run skipped, previous run still in progress'),
    ).toHaveLength(2);
  });

  it('logs and counts missed slots', async () => {
    const engine = stubEngine(async () => failed);
    const { log, lines } = captureLog();
    const missed: string[] = [];
    const events = { missed: (monitor: string) => missed.push(monitor), overlapped: () => {} };
    const scheduler = createScheduler([clientCredentials], {
      engine,
      log,
      events,
      missedToleranceMs: 1000,
    });

    scheduler.start();
    // The clock jumps while no timer can fire, as when the host sleeps or the loop blocks.
    vi.setSystemTime(new Date('2030-01-01T00:03:30Z'));
    await vi.advanceTimersByTimeAsync(60_000);
    await scheduler.stop();

    expect(missed.length).toBeGreaterThan(0);
    expect(lines().some((line) => line.msg === 'monitor run missed its slot')).toBe(true);
  });

  it('stop ends scheduling', async () => {
    const engine = stubEngine(async () => failed);
    const { log } = captureLog();
    const scheduler = createScheduler([clientCredentials], { engine, log });

    scheduler.start();
    await vi.advanceTimersByTimeAsync(60_000);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(5 * 60_000);

    expect(engine.calls).toBe(1);
  });
});

describe('scheduler run on start', () => {
  it('runs before first slot', async () => {
    const engine = stubEngine(async () => failed);
    const { log } = captureLog();
    const scheduler = createScheduler([clientCredentials], { engine, log, runOnStart: true });

    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    await scheduler.stop();

    expect(engine.calls).toBe(1);
  });

  it('then follows the schedule', async () => {
    const engine = stubEngine(async () => failed);
    const { log } = captureLog();
    const scheduler = createScheduler([clientCredentials], { engine, log, runOnStart: true });

    scheduler.start();
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    await scheduler.stop();

    expect(engine.calls).toBe(3);
  });

  it('runs every selected monitor', async () => {
    const engine = stubEngine(async () => failed);
    const { log } = captureLog();
    const scheduler = createScheduler([clientCredentials, refresh], {
      engine,
      log,
      runOnStart: true,
    });

    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    await scheduler.stop();

    expect(engine.calls).toBe(2);
  });

  it('slot during start run overlaps', async () => {
    const engine = stubEngine(() => new Promise<RunResult>(() => {}));
    const { log, lines } = captureLog();
    const overlapped: string[] = [];
    const events = { missed: () => {}, overlapped: (monitor: string) => overlapped.push(monitor) };
    const scheduler = createScheduler([clientCredentials], {
      engine,
      log,
      events,
      runOnStart: true,
    });

    scheduler.start();
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    await scheduler.stop();

    expect(engine.calls).toBe(1);
    expect(overlapped).toEqual(['client-credentials', 'client-credentials']);
    expect(
      lines().filter((line) => line.msg === 'monitor run skipped, previous run still in progress'),
    ).toHaveLength(2);
  });

  it('off waits for first slot', async () => {
    const engine = stubEngine(async () => failed);
    const { log } = captureLog();
    const scheduler = createScheduler([clientCredentials], { engine, log, runOnStart: false });

    scheduler.start();
    await vi.advanceTimersByTimeAsync(20_000);
    await scheduler.stop();

    expect(engine.calls).toBe(0);
  });
});
