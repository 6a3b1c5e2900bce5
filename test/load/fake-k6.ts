// A recording stand-in for the k6 runtime modules, so journeys run inside vitest. Tests
// replace `k6`, `k6/http`, `k6/metrics` and `k6/execution` with the exports below and read
// what the journey sent and recorded from `fake`.

export interface RecordedRequest {
  method: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  tags: Record<string, string>;
  timeout: unknown;
  responseCallback: unknown;
}

export interface FakeReply {
  status: number;
  body?: string;
  durationMs?: number;
}

export interface RecordedCheck {
  name: string;
  passed: boolean;
  tags: Record<string, string>;
}

export interface RecordedSample {
  metric: string;
  value: number;
  tags: Record<string, string>;
}

export interface MetricDefinition {
  name: string;
  type: 'counter' | 'gauge' | 'rate' | 'trend';
  isTime: boolean;
}

/** Thrown by the fake `exec.test.abort`, which stops the iteration as k6's does. */
export class TestAborted extends Error {
  override name = 'TestAborted';
}

class Recorder {
  requests: RecordedRequest[] = [];
  checks: RecordedCheck[] = [];
  samples: RecordedSample[] = [];
  aborts: string[] = [];
  /** Survives `reset()`, because metrics are defined once when a script module loads. */
  definitions: MetricDefinition[] = [];
  reply: (request: RecordedRequest) => FakeReply = () => ({ status: 200, body: '{}' });

  reset(): void {
    this.requests = [];
    this.checks = [];
    this.samples = [];
    this.aborts = [];
    this.reply = () => ({ status: 200, body: '{}' });
  }

  /** Sample values of one metric, optionally only those whose tags include `tags`. */
  values(metric: string, tags: Record<string, string> = {}): number[] {
    return this.samples
      .filter((sample) => sample.metric === metric)
      .filter((sample) => Object.keys(tags).every((key) => sample.tags[key] === tags[key]))
      .map((sample) => sample.value);
  }
}

export const fake = new Recorder();

function check(value: unknown, sets: Record<string, (v: unknown) => boolean>, tags = {}): boolean {
  let all = true;
  for (const name of Object.keys(sets)) {
    const passed = sets[name]?.(value) === true;
    fake.checks.push({ name, passed, tags: { ...tags } });
    all &&= passed;
  }
  return all;
}

export const k6Module = {
  check,
  sleep: () => {},
  group: <T>(_name: string, fn: () => T): T => fn(),
  fail: (message?: string): never => {
    throw new Error(message);
  },
};

interface Params {
  headers?: Record<string, string>;
  tags?: Record<string, string>;
  timeout?: unknown;
  responseCallback?: unknown;
}

function post(url: string, body: string, params: Params = {}) {
  const request: RecordedRequest = {
    method: 'POST',
    url,
    body,
    headers: { ...params.headers },
    tags: { ...params.tags },
    timeout: params.timeout,
    responseCallback: params.responseCallback,
  };
  fake.requests.push(request);

  const reply = fake.reply(request);
  return {
    status: reply.status,
    body: reply.body ?? '',
    timings: { duration: reply.durationMs ?? 12 },
    error: reply.status === 0 ? 'connection refused' : '',
  };
}

function expectedStatuses(...statuses: number[]) {
  return { expectedStatuses: statuses };
}

export const httpModule = {
  default: { post, expectedStatuses },
  post,
  expectedStatuses,
};

function metricClass(type: MetricDefinition['type']) {
  return class {
    constructor(
      readonly name: string,
      isTime = false,
    ) {
      fake.definitions.push({ name, type, isTime });
    }

    add(value: number | boolean, tags: Record<string, string> = {}): void {
      fake.samples.push({ metric: this.name, value: Number(value), tags: { ...tags } });
    }
  };
}

export const metricsModule = {
  Counter: metricClass('counter'),
  Gauge: metricClass('gauge'),
  Rate: metricClass('rate'),
  Trend: metricClass('trend'),
};

const execution = {
  test: {
    abort: (reason?: string): never => {
      fake.aborts.push(reason ?? '');
      throw new TestAborted(reason);
    },
  },
  vu: { idInTest: 1 },
  scenario: { name: 'test' },
};

export const executionModule = { default: execution, ...execution };
