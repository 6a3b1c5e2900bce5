import type { Options } from 'k6/options';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JOURNEYS, SCENARIOS } from '../../load/lib/catalog.js';
import { buildOptions } from '../../load/lib/options.js';
import { readSettings } from '../../load/lib/settings.js';
import { FAKE_ENV, settingsFor } from './env-fixture.js';

vi.mock('k6', async () => (await import('./fake-k6.js')).k6Module);
vi.mock('k6/http', async () => (await import('./fake-k6.js')).httpModule);
vi.mock('k6/metrics', async () => (await import('./fake-k6.js')).metricsModule);
vi.mock('k6/execution', async () => (await import('./fake-k6.js')).executionModule);

const DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;

interface AnyScenario {
  executor: string;
  [key: string]: unknown;
}

/** Returns the problems in one scenario, so a failure names the field. */
function scenarioProblems(scenario: AnyScenario): string[] {
  const problems: string[] = [];
  const positiveInteger = (key: string) => {
    const value = scenario[key];
    if (!(Number.isInteger(value) && (value as number) > 0)) {
      problems.push(`${key} is ${String(value)}`);
    }
  };
  const duration = (key: string, value: unknown = scenario[key]) => {
    if (typeof value !== 'string' || !DURATION.test(value)) {
      problems.push(`${key} is ${String(value)}`);
    }
  };

  if (scenario.executor === 'per-vu-iterations') {
    positiveInteger('vus');
    positiveInteger('iterations');
    duration('maxDuration');
  } else if (scenario.executor === 'constant-arrival-rate') {
    positiveInteger('rate');
    duration('timeUnit');
    duration('duration');
  } else if (scenario.executor === 'ramping-arrival-rate') {
    duration('timeUnit');
    const stages = scenario.stages as { target: number; duration: string }[];
    if (!Array.isArray(stages) || stages.length === 0) {
      problems.push('stages are empty');
    }
    for (const stage of stages ?? []) {
      duration('stage duration', stage.duration);
      if (!(Number.isInteger(stage.target) && stage.target >= 0)) {
        problems.push(`stage target is ${stage.target}`);
      }
    }
  } else {
    problems.push(`unknown executor ${scenario.executor}`);
  }

  if (scenario.executor !== 'per-vu-iterations') {
    positiveInteger('preAllocatedVUs');
    positiveInteger('maxVUs');
    if ((scenario.maxVUs as number) < (scenario.preAllocatedVUs as number)) {
      problems.push('maxVUs is below preAllocatedVUs');
    }
  }
  return problems;
}

function scenarioOf(options: Options, name: string): AnyScenario {
  return options.scenarios?.[name] as unknown as AnyScenario;
}

function thresholdExpressions(list: unknown[] | undefined): string[] {
  return (list ?? []).map((entry) =>
    typeof entry === 'string' ? entry : (entry as { threshold: string }).threshold,
  );
}

describe('buildOptions', () => {
  for (const journey of JOURNEYS) {
    for (const scenario of SCENARIOS) {
      it(`is well formed for ${journey} ${scenario}`, () => {
        const options = buildOptions(settingsFor(journey, { LOAD_SCENARIO: scenario }));
        const scenarios = Object.entries(options.scenarios ?? {});

        expect(scenarios.map(([name]) => name)).toEqual([scenario]);
        expect(scenarioProblems(scenarios[0]?.[1] as AnyScenario)).toEqual([]);
      });
    }
  }

  it('sets the core thresholds', () => {
    const { thresholds = {} } = buildOptions(settingsFor('refresh'));

    expect(thresholdExpressions(thresholds.http_req_failed)).toEqual(['rate<=0.01']);
    expect(thresholdExpressions(thresholds.checks)).toEqual(['rate>0.99']);
    expect(thresholdExpressions(thresholds.checks_run)).toEqual(['count>0']);
    expect(thresholdExpressions(thresholds.rate_limited)).toEqual(['rate<=0.05']);
    expect(thresholdExpressions(thresholds.dropped_iterations)).toEqual(['count<=0']);
  });

  it('sets p95 and p99 per step', () => {
    const { thresholds = {} } = buildOptions(settingsFor('refresh', { LOAD_P95_MS: '200' }));

    expect(thresholdExpressions(thresholds.issue_client_credentials_duration)).toEqual([
      'p(95)<200',
      'p(99)<1000',
    ]);
    expect(thresholdExpressions(thresholds.refresh_token_duration)).toEqual([
      'p(95)<200',
      'p(99)<1000',
    ]);
    expect(thresholds.customer_token_duration).toBeUndefined();
  });

  it('aborts smoke thresholds on failure', () => {
    const { thresholds = {} } = buildOptions(settingsFor('implicit', { LOAD_SCENARIO: 'smoke' }));

    expect(thresholds.http_req_failed).toEqual([{ threshold: 'rate==0', abortOnFail: true }]);
    expect(thresholds.checks).toEqual([{ threshold: 'rate==1', abortOnFail: true }]);
    expect(thresholds.rate_limited).toEqual([{ threshold: 'rate==0', abortOnFail: true }]);
  });

  it('reports p99 in the summary', () => {
    expect(buildOptions(settingsFor('implicit')).summaryTrendStats).toContain('p(99)');
  });

  it('caps the arrival rate per request', () => {
    const options = buildOptions(settingsFor('refresh', { LOAD_RATE: '40', LOAD_MAX_RPS: '25' }));
    const scenario = scenarioOf(options, 'throughput');

    expect(scenario.rate).toBe(12);
    expect(options.rps).toBe(25);
  });

  it('caps every ramp stage', () => {
    const options = buildOptions(
      settingsFor('client-credentials', {
        LOAD_SCENARIO: 'ramp',
        LOAD_PEAK_RATE: '500',
        LOAD_MAX_RPS: '100',
      }),
    );
    const stages = scenarioOf(options, 'ramp').stages as { target: number }[];

    expect(Math.max(...stages.map((stage) => stage.target))).toBe(100);
  });

  it('leaves rates uncapped without a limit', () => {
    const options = buildOptions(settingsFor('implicit', { LOAD_RATE: '400' }));

    expect(scenarioOf(options, 'throughput').rate).toBe(400);
    expect(options.rps).toBeUndefined();
  });

  it('turns fractional rates into per-minute rates', () => {
    const options = buildOptions(settingsFor('implicit', { LOAD_RATE: '0.5' }));
    const scenario = scenarioOf(options, 'throughput');

    expect(scenario.rate).toBe(30);
    expect(scenario.timeUnit).toBe('1m');
  });
});

describe('readSettings', () => {
  it('lists every problem at once', () => {
    const read = () =>
      readSettings({ LOAD_SCENARIO: 'burst', LOAD_RATE: '-1' }, 'client-credentials');

    expect(read).toThrow(/LOAD_SCENARIO is "burst"/);
    expect(read).toThrow(/MOLTIN_BASE_URL is missing/);
    expect(read).toThrow(/MOLTIN_CLIENT_SECRET is missing/);
    expect(read).toThrow(/LOAD_RATE is "-1"/);
  });

  it('rejects a bad duration', () => {
    const read = () => readSettings({ ...FAKE_ENV, LOAD_DURATION: 'ten minutes' }, 'implicit');

    expect(read).toThrow(/LOAD_DURATION is "ten minutes"/);
  });

  it('needs no secret for implicit', () => {
    const { MOLTIN_CLIENT_SECRET: _secret, ...env } = FAKE_ENV;

    expect(readSettings(env, 'implicit').clientSecret).toBe('');
  });

  it('needs customer credentials for logins', () => {
    const { MOLTIN_CUSTOMER_PASSWORD: _password, ...env } = FAKE_ENV;

    expect(() => readSettings(env, 'customer-token')).toThrow(
      /MOLTIN_CUSTOMER_PASSWORD is missing/,
    );
  });

  it('defaults to smoke', () => {
    expect(readSettings(FAKE_ENV, 'implicit').scenario).toBe('smoke');
  });
});

describe('entry scripts', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  for (const journey of JOURNEYS) {
    it(`exports options, default and handleSummary for ${journey}`, async () => {
      vi.stubGlobal('__ENV', { ...FAKE_ENV, LOAD_SCENARIO: 'throughput' });
      const script = await import(`../../load/scripts/${journey}.ts`);

      expect(script.options).toEqual(buildOptions(settingsFor(journey)));
      expect(typeof script.default).toBe('function');
      expect(typeof script.handleSummary).toBe('function');
    });
  }
});
