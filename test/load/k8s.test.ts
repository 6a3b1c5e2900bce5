import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { JOURNEYS, STORE_RATE_LIMITS } from '../../load/lib/catalog.js';
import { projectRoot } from '../../src/load/paths.js';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: unknown;
}

interface TestRun {
  apiVersion: string;
  kind: string;
  spec: {
    parallelism: number;
    arguments?: string;
    script: { configMap: { name: string; file: string } };
    runner: { env: EnvVar[]; envFrom: { secretRef?: { name: string } }[] };
  };
}

async function manifest<T>(file: string): Promise<T> {
  return parse(await readFile(join(projectRoot(), 'load', 'k8s', file), 'utf8')) as T;
}

describe('k6-operator TestRun', () => {
  it('is a TestRun with parallelism', async () => {
    const run = await manifest<TestRun>('testrun.yaml');

    expect(run.apiVersion).toBe('k6.io/v1alpha1');
    expect(run.kind).toBe('TestRun');
    expect(run.spec.parallelism).toBeGreaterThan(1);
  });

  it('runs a bundled journey from a ConfigMap', async () => {
    const { file } = (await manifest<TestRun>('testrun.yaml')).spec.script.configMap;

    expect(JOURNEYS.map((journey) => `${journey}.js`)).toContain(file);
  });

  it('reads credentials from the Secret', async () => {
    const { runner } = (await manifest<TestRun>('testrun.yaml')).spec;
    const secret = await manifest<{ metadata: { name: string } }>('credentials.example.yaml');

    expect(runner.envFrom.map((source) => source.secretRef?.name)).toContain(secret.metadata.name);
    expect(
      runner.env.map((variable) => variable.name).filter((name) => name.startsWith('MOLTIN_')),
    ).toEqual([]);
  });

  it('caps the test at the store limit', async () => {
    const { spec } = await manifest<TestRun>('testrun.yaml');
    const cap = spec.runner.env.find((variable) => variable.name === 'LOAD_MAX_RPS')?.value;

    expect(Number(cap)).toBeLessThanOrEqual(STORE_RATE_LIMITS.development);
  });

  it('turns off the usage report', async () => {
    expect((await manifest<TestRun>('testrun.yaml')).spec.arguments).toContain('--no-usage-report');
  });
});
