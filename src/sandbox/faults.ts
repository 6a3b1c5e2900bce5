import { z } from 'zod';
import type { Fault, FaultKind } from './types.js';

const FAULT_KINDS = ['latency', 'error', 'reset', 'garbage', 'hang'] as const;
const ACCEPTED_FORMS = "'latency:<ms>', 'error:<status 400-599>', 'reset', 'garbage' or 'hang'";

/** Longest accepted `latency`, so a typo cannot stall a test run for hours. */
const MAX_LATENCY_MS = 600_000;

/** Schema of one fault, shared by the options check and the admin API. */
export const faultSchema = z
  .object({
    kind: z.enum(FAULT_KINDS),
    ms: z.number().int().min(0).max(MAX_LATENCY_MS).optional(),
    status: z.number().int().min(400).max(599).optional(),
    rate: z.number().min(0).max(1).optional(),
  })
  .strict()
  .refine((fault) => fault.kind !== 'latency' || fault.ms !== undefined, {
    message: 'a latency fault needs ms',
    path: ['ms'],
  })
  .refine((fault) => fault.kind !== 'error' || fault.status !== undefined, {
    message: 'an error fault needs status',
    path: ['status'],
  });

/**
 * Parses a fault written as text, as on the command line: `latency:200`, `error:503`,
 * `reset`, `garbage` or `hang`. Throws an Error naming the bad value and the accepted forms.
 */
export function parseFault(text: string, rate?: number): Fault {
  const [kindText = '', argument, ...extra] = text.trim().split(':');
  const kind = FAULT_KINDS.find((candidate) => candidate === kindText);
  const invalid = (reason: string) =>
    new Error(`invalid fault '${text}': ${reason}; use ${ACCEPTED_FORMS}`);

  if (kind === undefined || extra.length > 0) {
    throw invalid('unknown form');
  }
  if (rate !== undefined && !(rate >= 0 && rate <= 1)) {
    throw invalid(`rate ${rate} is outside 0..1`);
  }

  const fault: Fault = { kind, ...(rate === undefined ? {} : { rate }) };
  if (kind !== 'latency' && kind !== 'error') {
    if (argument !== undefined) throw invalid(`'${kind}' takes no value`);
    return fault;
  }

  const value = Number(argument);
  if (kind === 'latency') {
    if (!Number.isInteger(value) || value < 0 || value > MAX_LATENCY_MS) {
      throw invalid(`latency needs whole milliseconds from 0 to ${MAX_LATENCY_MS}`);
    }
    return { ...fault, ms: value };
  }

  if (!Number.isInteger(value) || value < 400 || value > 599) {
    throw invalid('error needs a status from 400 to 599');
  }
  return { ...fault, status: value };
}

/** Faults for one request: an added delay, then at most one fault that replaces the response. */
export interface FaultPlan {
  delayMs: number;
  outcome: Exclude<FaultKind, 'latency'> | undefined;
  status: number | undefined;
}

/**
 * Rolls each fault in order with `random`. Latencies that apply add up, and the first other
 * fault that applies decides the outcome.
 */
export function planFaults(faults: readonly Fault[], random: () => number): FaultPlan {
  const plan: FaultPlan = { delayMs: 0, outcome: undefined, status: undefined };

  for (const fault of faults) {
    const applies = random() < (fault.rate ?? 1);
    if (!applies) continue;

    if (fault.kind === 'latency') {
      plan.delayMs += fault.ms ?? 0;
      continue;
    }

    plan.outcome = fault.kind;
    plan.status = fault.status;
    break;
  }

  return plan;
}
