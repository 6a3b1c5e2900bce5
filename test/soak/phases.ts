import type { FailureClass, Outcome } from '../../src/monitor/types.js';
import type { SoakSandbox } from './soak-sandbox.js';

/** Time limits of the soak, in milliseconds, chosen so every fault lands in one class. */
export const SOAK_LIMITS = Object.freeze({
  /** A step slower than this makes the run degraded. */
  degradedMs: 400,
  /** A step slower than this fails the run with the class `latency`. */
  failedMs: 1000,
  /** Client timeout per request, which is where a `hang` run ends. */
  timeoutMs: 1400,
  /** Injected delay between the two budget limits. */
  slowMs: 550,
  /** Injected delay over the failed limit but well under the timeout. */
  slowerMs: 1100,
});

/** The outcome and failure class every run of a phase must have. */
export interface Expected {
  outcome: Outcome;
  failureClass?: FailureClass;
}

export interface Phase {
  name: string;
  /** Scheduled slots (one per minute of fake time) the phase lasts. */
  slots: number;
  /** Changes the sandbox before the first slot of the phase. */
  enter(sandbox: SoakSandbox): void | Promise<void>;
  expected: Expected;
  /**
   * Whether a degraded run also counts as right. Only the first slots of the soak use this,
   * because their requests are slow while the code is still being compiled.
   */
  lenient?: boolean;
}

const PASS: Expected = { outcome: 'pass' };

function fail(failureClass: FailureClass): Expected {
  return { outcome: 'fail', failureClass };
}

function healthy(name: string, slots: number): Phase {
  return { name, slots, expected: PASS, enter: (sandbox) => sandbox.deleteFaults() };
}

/**
 * Lists the phases of the soak in order. Fast faults last `longSlots` slots. Faults that make
 * each run wait in real time (latency and hang) last `shortSlots`, which must be at least the
 * alert threshold for them to open an incident.
 */
export function soakPhases(longSlots: number, shortSlots: number): Phase[] {
  const { slowMs, slowerMs } = SOAK_LIMITS;

  return [
    { ...healthy('warm-up', 3), lenient: true },
    healthy('healthy-1', longSlots),
    {
      name: 'error-503',
      slots: longSlots,
      expected: fail('http_status'),
      enter: (sandbox) => sandbox.putFaults([{ kind: 'error', status: 503 }]),
    },
    healthy('healthy-2', longSlots),
    {
      name: 'error-429',
      slots: longSlots,
      expected: fail('rate_limited'),
      enter: (sandbox) => sandbox.setFaults([{ kind: 'error', status: 429 }]),
    },
    healthy('healthy-3', longSlots),
    {
      name: 'reset',
      slots: longSlots,
      expected: fail('reset'),
      enter: (sandbox) => sandbox.setFaults([{ kind: 'reset' }]),
    },
    healthy('healthy-4', longSlots),
    {
      name: 'garbage',
      slots: longSlots,
      expected: fail('bad_body'),
      enter: (sandbox) => sandbox.putFaults([{ kind: 'garbage' }]),
    },
    healthy('healthy-5', shortSlots),
    {
      name: 'slow',
      slots: shortSlots,
      expected: { outcome: 'degraded' },
      enter: (sandbox) => sandbox.setFaults([{ kind: 'latency', ms: slowMs }]),
    },
    healthy('healthy-6', shortSlots),
    {
      name: 'slower',
      slots: shortSlots,
      expected: fail('latency'),
      enter: (sandbox) => sandbox.putFaults([{ kind: 'latency', ms: slowerMs }]),
    },
    healthy('healthy-7', shortSlots),
    {
      name: 'hang',
      slots: shortSlots,
      expected: fail('timeout'),
      enter: (sandbox) => sandbox.setFaults([{ kind: 'hang' }]),
    },
    healthy('healthy-8', longSlots),
    {
      name: 'closed',
      slots: longSlots,
      expected: fail('refused'),
      enter: (sandbox) => sandbox.close(),
    },
    {
      name: 'returned',
      slots: longSlots,
      expected: PASS,
      enter: (sandbox) => sandbox.reopen(),
    },
    {
      name: 'blip',
      slots: 2,
      expected: fail('http_status'),
      enter: (sandbox) => sandbox.setFaults([{ kind: 'error', status: 502 }]),
    },
    healthy('healthy-9', longSlots),
  ];
}

/** Alerts one monitor should send in each phase: how many firing and how many resolved. */
export interface ExpectedAlerts {
  firing: number;
  resolved: number;
}

/**
 * Plays the alert rule over the phases for one monitor: an incident opens after `alertAfter`
 * failed runs in a row and resolves after `recoverAfter` non-failing runs in a row.
 */
export function expectedAlerts(
  phases: readonly Phase[],
  alertAfter: number,
  recoverAfter: number,
): Map<string, ExpectedAlerts> {
  const byPhase = new Map<string, ExpectedAlerts>();
  let failStreak = 0;
  let passStreak = 0;
  let open = false;

  for (const phase of phases) {
    const alerts = { firing: 0, resolved: 0 };
    for (let slot = 0; slot < phase.slots; slot++) {
      const failed = phase.expected.outcome === 'fail';
      failStreak = failed ? failStreak + 1 : 0;
      passStreak = failed ? 0 : passStreak + 1;

      if (!open && failStreak >= alertAfter) {
        open = true;
        alerts.firing += 1;
      } else if (open && passStreak >= recoverAfter) {
        open = false;
        alerts.resolved += 1;
      }
    }
    byPhase.set(phase.name, alerts);
  }

  return byPhase;
}

/** Builds the key a run is counted under from its outcome and, when it failed, its class. */
export function verdictKey(verdict: Expected): string {
  return verdict.failureClass === undefined
    ? verdict.outcome
    : `${verdict.outcome}/${verdict.failureClass}`;
}
