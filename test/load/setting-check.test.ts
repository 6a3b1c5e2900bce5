import { describe, expect, it } from 'vitest';
import { readSettings } from '../../load/lib/settings.js';
import { loadSettingProblems } from '../../src/load/setting-check.js';
import { FAKE_ENV } from './env-fixture.js';

describe('load setting check', () => {
  it('flag rate abc is rejected', () => {
    expect(loadSettingProblems('throughput', { LOAD_RATE: 'abc' }, {})).toEqual([
      '-e LOAD_RATE is "abc"; use a number of at least 0.01',
    ]);
  });

  it('environment rate abc is rejected', () => {
    expect(loadSettingProblems('throughput', {}, { LOAD_RATE: 'abc' })).toEqual([
      'LOAD_RATE in the environment is "abc"; use a number of at least 0.01',
    ]);
  });

  it('negative smoke iterations rejected', () => {
    expect(loadSettingProblems('smoke', { LOAD_SMOKE_ITERATIONS: '-3' }, {})).toEqual([
      '-e LOAD_SMOKE_ITERATIONS is "-3"; use a whole number from 1 to 1000',
    ]);
  });

  it('fractional steps are rejected', () => {
    expect(loadSettingProblems('ramp', { LOAD_STEPS: '2.5' }, {})).toEqual([
      '-e LOAD_STEPS is "2.5"; use a whole number from 1 to 100',
    ]);
  });

  it('bad duration is rejected', () => {
    expect(loadSettingProblems('throughput', { LOAD_DURATION: '10 minutes' }, {})).toEqual([
      '-e LOAD_DURATION is "10 minutes"; use a k6 duration such as 30s or 1h30m',
    ]);
  });

  it('environment rate rejected for smoke', () => {
    expect(loadSettingProblems('smoke', {}, { LOAD_RATE: '5' })).toEqual([
      'LOAD_RATE in the environment does not apply to the smoke scenario; ' +
        'it shapes throughput and soak only',
    ]);
  });

  it('flag wins over environment', () => {
    expect(loadSettingProblems('throughput', { LOAD_RATE: '5' }, { LOAD_RATE: 'abc' })).toEqual([]);
  });

  it('empty environment value is default', () => {
    expect(loadSettingProblems('throughput', {}, { LOAD_RATE: '' })).toEqual([]);
  });

  it('empty flag value is rejected', () => {
    expect(loadSettingProblems('throughput', { LOAD_RATE: '' }, {})).toEqual([
      '-e LOAD_RATE is empty; give a number of at least 0.01, or leave it out for the default',
    ]);
  });

  it('unknown flag name is rejected', () => {
    const [problem] = loadSettingProblems('smoke', { LOAD_RAET: '5' }, {});

    expect(problem).toMatch(
      /^-e LOAD_RAET is not a setting the load scripts read; use one of LOAD_RATE,/,
    );
  });

  it('launcher setting is rejected', () => {
    expect(loadSettingProblems('smoke', { LOAD_SCENARIO: 'ramp' }, {})).toEqual([
      '-e LOAD_SCENARIO is set by the launcher; ' +
        'pass the scenario as the first argument of load instead',
    ]);
  });

  it('unknown environment name passes', () => {
    expect(loadSettingProblems('smoke', {}, { LOAD_AVERAGE: 'x' })).toEqual([]);
  });

  it('secret-looking value is not echoed', () => {
    const [problem] = loadSettingProblems('smoke', { LOAD_API_TOKEN: 'canary-token-42' }, {});

    expect(problem).not.toContain('canary-token-42');
  });

  it('valid values pass', () => {
    const flags = { LOAD_PEAK_RATE: '80', LOAD_STEPS: '4', LOAD_STAGE_DURATION: '1m' };

    expect(loadSettingProblems('ramp', flags, { LOAD_P95_MS: '250' })).toEqual([]);
  });
});

describe('shared setting rules', () => {
  it('scripts reject the same value', () => {
    const read = () =>
      readSettings({ ...FAKE_ENV, LOAD_SMOKE_ITERATIONS: '-3' }, 'client-credentials');

    expect(read).toThrow('LOAD_SMOKE_ITERATIONS is "-3"; use a whole number from 1 to 1000');
  });

  it('scripts say at least without maximum', () => {
    const read = () => readSettings({ ...FAKE_ENV, LOAD_P95_MS: '0' }, 'client-credentials');

    expect(read).toThrow('LOAD_P95_MS is "0"; use a number of at least 1');
  });
});
