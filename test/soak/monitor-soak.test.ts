import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Collector, findCollector, settledHeapUsed } from './heap.js';
import { expectedAlerts, type Phase, SOAK_LIMITS, soakPhases, verdictKey } from './phases.js';
import { SoakHarness } from './soak-harness.js';
import { soakMonitors } from './soak-monitors.js';

const ALERT_AFTER = 3;
const RECOVER_AFTER = 2;
const COPIES = 3;
const PHASES = soakPhases(20, ALERT_AFTER);
const DEFINITIONS = soakMonitors(COPIES);
/** The heap measured after this phase is the middle of the soak, and after the last the end. */
const MIDDLE_PHASE = 'healthy-4';

// With a forced collection, what survives is live data, so the end may exceed the middle only
// by noise. Without one, heapUsed includes garbage that has not been collected yet.
const HEAP_BOUND_COLLECTED = { ratio: 1.15, slackBytes: 4 * 1024 * 1024 };
const HEAP_BOUND_UNCOLLECTED = { ratio: 2, slackBytes: 64 * 1024 * 1024 };

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
let harness: SoakHarness;
let collector: Collector;
let heapMiddle = 0;
let heapEnd = 0;

async function runSoak(): Promise<void> {
  for (const phase of PHASES) {
    await harness.runPhase(phase);
    if (phase.name === MIDDLE_PHASE) {
      heapMiddle = settledHeapUsed(collector);
    }
  }
  heapEnd = settledHeapUsed(collector);
}

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  collector = findCollector();
  harness = await SoakHarness.start(
    {
      definitions: DEFINITIONS,
      alertAfter: ALERT_AFTER,
      recoverAfter: RECOVER_AFTER,
      slotTimeoutMs: 10_000,
    },
    new Date('2030-01-01T00:00:30Z'),
  );
  await runSoak();
}, 120_000);

afterAll(async () => {
  await harness?.close();
  process.off('unhandledRejection', onRejection);
});

const totalSlots = PHASES.reduce((sum, phase) => sum + phase.slots, 0);
const strictPhases = PHASES.filter((phase) => !phase.lenient);

function expectedVerdicts(phase: Phase): Record<string, number> {
  return { [verdictKey(phase.expected)]: phase.slots * DEFINITIONS.length };
}

/**
 * Counts degraded runs of a healthy phase as passes, because a busy machine can slow a healthy
 * step past the degraded limit. That is load on the test machine, not a misclassified fault.
 */
function observedVerdicts(phase: Phase): Record<string, number> {
  const verdicts = harness.tally.verdicts(phase.name);
  if (phase.expected.outcome !== 'pass' || verdicts.degraded === undefined) {
    return verdicts;
  }

  const { degraded, ...rest } = verdicts;
  return { ...rest, pass: (rest.pass ?? 0) + degraded };
}

describe('monitor soak', () => {
  it('runs every scheduled check', () => {
    expect(harness.tally.total).toBe(totalSlots * DEFINITIONS.length);
  });

  it('healthy steps stay under the failed limit', () => {
    const healthy = strictPhases.filter((phase) => phase.expected.outcome === 'pass');
    const slowest = healthy.map((phase) => [phase.name, harness.tally.slowestStepMs(phase.name)]);
    console.info(
      `slowest healthy step by phase (ms): ${JSON.stringify(Object.fromEntries(slowest))}`,
    );
    expect(Math.max(...slowest.map(([, ms]) => Number(ms)))).toBeLessThan(SOAK_LIMITS.failedMs);
  });

  it('runs thousands of checks', () => {
    expect(harness.tally.total).toBeGreaterThanOrEqual(2000);
  });

  it.each(strictPhases.map((phase) => [phase.name, phase] as const))(
    'classifies phase %s',
    (_name, phase) => {
      expect(observedVerdicts(phase)).toEqual(expectedVerdicts(phase));
    },
  );

  it('warm-up never fails', () => {
    const verdicts = Object.keys(harness.tally.verdicts('warm-up'));
    expect(verdicts.filter((key) => key !== 'pass' && key !== 'degraded')).toEqual([]);
  });

  it('fires once per incident', () => {
    const expected = expectedAlerts(PHASES, ALERT_AFTER, RECOVER_AFTER);
    for (const phase of PHASES) {
      const received = harness.receiver.received(phase.name, 'firing');
      const want = expected.get(phase.name)?.firing ?? 0;
      for (const definition of DEFINITIONS) {
        expect(received.get(definition.name) ?? 0, `${phase.name} ${definition.name}`).toBe(want);
      }
    }
  });

  it('recovers once per incident', () => {
    const expected = expectedAlerts(PHASES, ALERT_AFTER, RECOVER_AFTER);
    for (const phase of PHASES) {
      const received = harness.receiver.received(phase.name, 'resolved');
      const want = expected.get(phase.name)?.resolved ?? 0;
      for (const definition of DEFINITIONS) {
        expect(received.get(definition.name) ?? 0, `${phase.name} ${definition.name}`).toBe(want);
      }
    }
  });

  it('opens seven incidents per monitor', () => {
    expect(harness.receiver.total('firing')).toBe(7 * DEFINITIONS.length);
  });

  it('short blip sends no alert', () => {
    expect(harness.receiver.received('blip', 'firing').size).toBe(0);
  });

  it('receiver reads every message', () => {
    expect(harness.receiver.unreadable).toBe(0);
  });

  it('history opens each incident', () => {
    expect(harness.incidents().opened).toBe(harness.receiver.total('firing'));
  });

  it('history resolves each incident', () => {
    expect(harness.incidents().resolved).toBe(harness.receiver.total('resolved'));
  });

  it('history keeps every run', () => {
    expect(harness.historyRows('finished')).toBe(harness.tally.total);
  });

  it('history leaves no run open', () => {
    expect(harness.historyRows('running')).toBe(0);
  });

  it('metrics count every run', async () => {
    expect(await harness.metricRuns()).toBe(harness.tally.total);
  });

  it('no unhandled rejection', () => {
    expect(rejections).toEqual([]);
  });

  it.each([
    'monitor sink failed',
    'monitor run crashed',
    'alert delivery failed, will try again after the next run',
  ])('never logs %s', (message) => {
    expect(harness.logged.get(message) ?? 0).toBe(0);
  });

  it('no slot missed or skipped', () => {
    expect(harness.scheduleEvents).toEqual({ missed: 0, overlapped: 0 });
  });

  it('sandbox returns on its port', () => {
    expect(harness.sandbox.startCount).toBe(2);
  });

  it('heap stays steady', () => {
    const bound = collector.source === 'none' ? HEAP_BOUND_UNCOLLECTED : HEAP_BOUND_COLLECTED;
    console.info(
      `heap after gc (${collector.source}): middle ${(heapMiddle / 2 ** 20).toFixed(1)} MiB, ` +
        `end ${(heapEnd / 2 ** 20).toFixed(1)} MiB, runs ${harness.tally.total}`,
    );
    expect(heapEnd).toBeLessThanOrEqual(heapMiddle * bound.ratio + bound.slackBytes);
  });
});
