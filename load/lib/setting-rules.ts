// Accepted forms of the LOAD_* settings, shared by the k6 scripts (which read them from
// __ENV) and the launcher (which checks them before starting k6). Bundled for ES2015, so
// this module avoids Object.entries and Array.prototype.includes.
import type { ScenarioName } from './catalog.js';

/** k6 duration syntax as the scripts accept it: one or more number-unit pairs, such as 1h30m. */
export const DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;

export interface NumberRule {
  kind: 'number';
  min: number;
  /** Inclusive maximum; no practical upper bound when unset. */
  max?: number;
  /** Accepts whole numbers only. */
  integer?: boolean;
  /** Scenarios that read the setting; every scenario when unset. */
  scenarios?: readonly ScenarioName[];
}

export interface DurationRule {
  kind: 'duration';
  scenarios?: readonly ScenarioName[];
}

export type SettingRule = NumberRule | DurationRule;

const CONSTANT: readonly ScenarioName[] = ['throughput', 'soak'];
const ARRIVAL: readonly ScenarioName[] = ['throughput', 'ramp', 'spike', 'soak'];

/**
 * Every LOAD_* setting with a checked form. LOAD_SCENARIO and LOAD_RESULTS_DIR are set by the
 * launcher.
 */
export const SETTING_RULES: Readonly<Record<string, SettingRule>> = {
  LOAD_RATE: { kind: 'number', min: 0.01, scenarios: CONSTANT },
  LOAD_DURATION: { kind: 'duration', scenarios: CONSTANT },
  LOAD_START_RATE: { kind: 'number', min: 0, scenarios: ['ramp'] },
  LOAD_PEAK_RATE: { kind: 'number', min: 0.01, scenarios: ['ramp'] },
  LOAD_STEPS: { kind: 'number', min: 1, max: 100, integer: true, scenarios: ['ramp'] },
  LOAD_STAGE_DURATION: { kind: 'duration', scenarios: ['ramp'] },
  LOAD_BASE_RATE: { kind: 'number', min: 0, scenarios: ['spike'] },
  LOAD_SPIKE_RATE: { kind: 'number', min: 0.01, scenarios: ['spike'] },
  LOAD_SMOKE_ITERATIONS: { kind: 'number', min: 1, max: 1000, integer: true, scenarios: ['smoke'] },
  LOAD_PRE_ALLOCATED_VUS: { kind: 'number', min: 1, integer: true, scenarios: ARRIVAL },
  LOAD_MAX_VUS: { kind: 'number', min: 1, integer: true, scenarios: ARRIVAL },
  LOAD_MAX_RPS: { kind: 'number', min: 1 },
  LOAD_P95_MS: { kind: 'number', min: 1 },
  LOAD_P99_MS: { kind: 'number', min: 1 },
  LOAD_MAX_FAILED_RATE: { kind: 'number', min: 0, max: 1 },
  LOAD_MAX_RATE_LIMITED_RATE: { kind: 'number', min: 0, max: 1 },
  LOAD_MAX_DROPPED_ITERATIONS: { kind: 'number', min: 0, integer: true },
  LOAD_RENEW_MARGIN_SECONDS: { kind: 'number', min: 0 },
  LOAD_REQUEST_TIMEOUT: { kind: 'duration' },
};

/**
 * Describes the accepted form, such as "a whole number from 1 to 100" or "a number of at least
 * 0.01".
 */
export function acceptedForm(rule: SettingRule): string {
  if (rule.kind === 'duration') {
    return 'a k6 duration such as 30s or 1h30m';
  }

  const noun = rule.integer ? 'a whole number' : 'a number';
  return rule.max === undefined
    ? `${noun} of at least ${rule.min}`
    : `${noun} from ${rule.min} to ${rule.max}`;
}

/** Returns whether `raw` has the rule's form. An empty value never does. */
export function matchesRule(rule: SettingRule, raw: string): boolean {
  if (rule.kind === 'duration') {
    return DURATION.test(raw);
  }

  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  const inRange = value >= rule.min && (rule.max === undefined || value <= rule.max);
  return inRange && Number.isFinite(value) && (!rule.integer || Number.isInteger(value));
}

/** Returns whether the scenario reads the setting. */
export function appliesTo(rule: SettingRule, scenario: ScenarioName): boolean {
  return rule.scenarios === undefined || rule.scenarios.indexOf(scenario) >= 0;
}
