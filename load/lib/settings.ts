import { isScenarioName, type JourneyName, type ScenarioName } from './catalog.js';
import { acceptedForm, matchesRule, SETTING_RULES } from './setting-rules.js';

export { DURATION } from './setting-rules.js';

/** Everything a script reads from `__ENV`, validated once in the init context. */
export interface LoadSettings {
  journey: JourneyName;
  scenario: ScenarioName;
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  customerEmail: string;
  customerPassword: string;
  /** Iterations per second for `throughput` and `soak`. */
  rate: number;
  /** Length of `throughput` and `soak`, in k6 duration syntax such as `90s` or `1h30m`. */
  duration: string;
  /** First and last iteration rate of `ramp`. */
  startRate: number;
  peakRate: number;
  /** Number of equal stairs `ramp` climbs, each held for `stageDuration`. */
  steps: number;
  stageDuration: string;
  /** Background and burst iteration rates of `spike`. */
  baseRate: number;
  spikeRate: number;
  smokeIterations: number;
  /** VUs k6 allocates up front and the most it may start; derived from the rate when unset. */
  preAllocatedVUs: number | undefined;
  maxVUs: number | undefined;
  /** Cap on requests per second over the whole run; no cap when unset. */
  maxRps: number | undefined;
  p95Ms: number;
  p99Ms: number;
  /** Largest share of failed requests (401, 5xx, transport errors) that passes. */
  maxFailedRate: number;
  /** Largest share of `429 Too Many Requests` responses that passes. */
  maxRateLimitedRate: number;
  maxDroppedIterations: number;
  /** Seconds before `expires` at which a cached implicit token is renewed. */
  renewMarginSeconds: number;
  requestTimeout: string;
  /** Folder `handleSummary` writes into. */
  resultsDir: string;
}

type Env = { [name: string]: string | undefined };

/**
 * Defaults of the shape settings that depend on the scenario; the launcher's help shows them.
 * Rates count iterations per second; durations use k6 syntax.
 */
export const SHAPE_DEFAULTS = Object.freeze({
  throughput: Object.freeze({ rate: 10, duration: '1m' }),
  soak: Object.freeze({ rate: 5, duration: '30m' }),
  peakRate: 50,
  spikeRate: 50,
});

/** Collects problems while reading, so one error can list all of them. */
class Reader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  text(name: string, fallback?: string): string {
    const value = this.env[name];
    if (value !== undefined && value !== '') {
      return value;
    }
    if (fallback === undefined) {
      this.problems.push(`${name} is missing`);
      return '';
    }
    return fallback;
  }

  /** Reads a setting checked by its rule in SETTING_RULES; unset or empty gives `fallback`. */
  checked(name: string, fallback: string): string {
    const raw = this.env[name];
    const rule = SETTING_RULES[name];
    if (raw === undefined || raw === '' || rule === undefined) {
      return fallback;
    }
    if (!matchesRule(rule, raw)) {
      this.problems.push(`${name} is ${JSON.stringify(raw)}; use ${acceptedForm(rule)}`);
      return fallback;
    }
    return raw;
  }

  number(name: string, fallback: number): number {
    return Number(this.checked(name, String(fallback)));
  }

  optionalNumber(name: string): number | undefined {
    const value = this.checked(name, '');
    return value === '' ? undefined : Number(value);
  }

  duration(name: string, fallback: string): string {
    return this.checked(name, fallback);
  }
}

/** Reads and checks the settings for one journey, or throws one error listing every problem. */
export function readSettings(env: Env, journey: JourneyName): LoadSettings {
  const read = new Reader(env);

  const scenario = read.text('LOAD_SCENARIO', 'smoke');
  if (!isScenarioName(scenario)) {
    read.problems.push(
      `LOAD_SCENARIO is ${JSON.stringify(scenario)}; use smoke, throughput, ramp, spike or soak`,
    );
  }

  const baseUrl = read.text('MOLTIN_BASE_URL').replace(/\/+$/, '');
  if (baseUrl !== '' && !/^https?:\/\/[^/]+/.test(baseUrl)) {
    read.problems.push(`MOLTIN_BASE_URL is ${JSON.stringify(baseUrl)}; use an http(s) URL`);
  }

  const needsSecret = journey === 'client-credentials' || journey === 'refresh';
  const needsCustomer = journey === 'customer-token';
  const constantShape = scenario === 'soak' ? SHAPE_DEFAULTS.soak : SHAPE_DEFAULTS.throughput;
  const rate = read.number('LOAD_RATE', constantShape.rate);

  const settings: LoadSettings = {
    journey,
    scenario: isScenarioName(scenario) ? scenario : 'smoke',
    baseUrl,
    clientId: read.text('MOLTIN_CLIENT_ID'),
    clientSecret: needsSecret ? read.text('MOLTIN_CLIENT_SECRET') : '',
    customerEmail: needsCustomer ? read.text('MOLTIN_CUSTOMER_EMAIL') : '',
    customerPassword: needsCustomer ? read.text('MOLTIN_CUSTOMER_PASSWORD') : '',
    rate,
    duration: read.duration('LOAD_DURATION', constantShape.duration),
    startRate: read.number('LOAD_START_RATE', 1),
    peakRate: read.number('LOAD_PEAK_RATE', SHAPE_DEFAULTS.peakRate),
    steps: read.number('LOAD_STEPS', 5),
    stageDuration: read.duration('LOAD_STAGE_DURATION', '30s'),
    baseRate: read.number('LOAD_BASE_RATE', 2),
    spikeRate: read.number('LOAD_SPIKE_RATE', SHAPE_DEFAULTS.spikeRate),
    smokeIterations: read.number('LOAD_SMOKE_ITERATIONS', 5),
    preAllocatedVUs: read.optionalNumber('LOAD_PRE_ALLOCATED_VUS'),
    maxVUs: read.optionalNumber('LOAD_MAX_VUS'),
    maxRps: read.optionalNumber('LOAD_MAX_RPS'),
    p95Ms: read.number('LOAD_P95_MS', 500),
    p99Ms: read.number('LOAD_P99_MS', 1000),
    maxFailedRate: read.number('LOAD_MAX_FAILED_RATE', 0.01),
    maxRateLimitedRate: read.number('LOAD_MAX_RATE_LIMITED_RATE', 0.05),
    maxDroppedIterations: read.number('LOAD_MAX_DROPPED_ITERATIONS', 0),
    renewMarginSeconds: read.number('LOAD_RENEW_MARGIN_SECONDS', 60),
    requestTimeout: read.duration('LOAD_REQUEST_TIMEOUT', '10s'),
    resultsDir: read.text('LOAD_RESULTS_DIR', 'load/results').replace(/\/+$/, ''),
  };

  if (read.problems.length > 0) {
    throw new Error(`invalid load settings: ${read.problems.join('; ')}`);
  }

  return settings;
}
