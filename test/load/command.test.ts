import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  inapplicableShapeOptions,
  iterationRate,
  k6Duration,
  requestRate,
} from '../../src/load/cli-options.js';
import { loadValues, registerLoadCommand } from '../../src/load/command.js';

function program(): { program: Command; output: string[] } {
  const output: string[] = [];
  const root = new Command('token-harness').exitOverride();
  root.configureOutput({
    writeOut: (text) => output.push(text),
    writeErr: (text) => output.push(text),
  });
  registerLoadCommand(root);
  for (const command of root.commands) {
    command.exitOverride();
    command.configureOutput({
      writeOut: (text) => output.push(text),
      writeErr: (text) => output.push(text),
    });
  }
  return { program: root, output };
}

async function parseFailure(args: string[]) {
  const { program: root, output } = program();
  const failure = await root
    .parseAsync(['node', 'cli', 'load', ...args])
    .then(() => undefined)
    .catch((error: unknown) => error);
  return {
    error: failure instanceof CommanderError ? failure : undefined,
    output: output.join(''),
  };
}

async function loadHelp(): Promise<string> {
  const { program: root, output } = program();
  await root.parseAsync(['node', 'cli', 'load', '--help']).catch(() => undefined);
  return output.join('').replace(/\s+/g, ' ');
}

describe('load option parsers', () => {
  it.each(['abc', '0', '-1', '', 'Infinity', '0.001'])('rate rejects %j', (value) => {
    expect(() => iterationRate(value)).toThrow('Use iterations per second as a number');
  });

  it('rate accepts fractions', () => {
    expect(iterationRate('2.5')).toBe(2.5);
  });

  it.each(['abc', '0', '-5', 'NaN'])('max-rps rejects %j', (value) => {
    expect(() => requestRate(value)).toThrow('Use requests per second as a number above 0');
  });

  it.each(['abc', '5', '0s', '0m0s', '2x', '1d', '-1m', ''])('duration rejects %j', (value) => {
    expect(() => k6Duration(value)).toThrow('Use a k6 duration above zero');
  });

  it.each(['30s', '2m', '1h30m', '1.5h', '500ms'])('duration accepts %j', (value) => {
    expect(k6Duration(value)).toBe(value);
  });
});

describe('load shape options', () => {
  it('rejects --duration for smoke', () => {
    expect(inapplicableShapeOptions('smoke', { duration: '2m' })).toEqual([
      '--duration does not apply to the smoke scenario; it shapes throughput and soak only',
    ]);
  });

  it('rejects --rate for ramp', () => {
    expect(inapplicableShapeOptions('ramp', { rate: 5 })).toEqual([
      '--rate does not apply to the ramp scenario; it shapes throughput and soak only',
    ]);
  });

  it('rejects --peak-rate for soak', () => {
    expect(inapplicableShapeOptions('soak', { peakRate: 5 })).toEqual([
      '--peak-rate does not apply to the soak scenario; it shapes ramp and spike only',
    ]);
  });

  it('accepts matching options', () => {
    expect(inapplicableShapeOptions('throughput', { rate: 5, duration: '2m' })).toEqual([]);
  });

  it('exits 2 for smoke --duration', async () => {
    const { error } = await parseFailure(['smoke', '--duration', '2m', '--bundle-only']);

    expect(error?.exitCode).toBe(2);
    expect(error?.message).toBe(
      'error: --duration does not apply to the smoke scenario; it shapes throughput and soak only',
    );
  });

  it('exits 2 for invalid -e value', async () => {
    const { error } = await parseFailure([
      'smoke',
      '-e',
      'LOAD_SMOKE_ITERATIONS=-3',
      '--bundle-only',
    ]);

    expect(error?.exitCode).toBe(2);
  });

  it('names invalid -e value', async () => {
    const { error } = await parseFailure([
      'smoke',
      '-e',
      'LOAD_SMOKE_ITERATIONS=-3',
      '--bundle-only',
    ]);

    expect(error?.message).toBe(
      'error: -e LOAD_SMOKE_ITERATIONS is "-3"; use a whole number from 1 to 1000',
    );
  });

  it('exits 2 for inapplicable -e value', async () => {
    const { error } = await parseFailure(['smoke', '-e', 'LOAD_RATE=5', '--bundle-only']);

    expect(error?.message).toBe(
      'error: -e LOAD_RATE does not apply to the smoke scenario; ' +
        'it shapes throughput and soak only',
    );
  });

  it('names --duration when invalid', async () => {
    const { error } = await parseFailure(['smoke', '--duration', 'abc', '--bundle-only']);

    expect(error?.code).toBe('commander.invalidArgument');
    expect(error?.message).toContain("option '--duration <time>' argument 'abc' is invalid");
  });

  it('names --peak-rate when invalid', async () => {
    const { error } = await parseFailure(['ramp', '--peak-rate', 'fast', '--bundle-only']);

    expect(error?.message).toContain(
      "option '--peak-rate <iterations>' argument 'fast' is invalid",
    );
  });
});

describe('load help', () => {
  it('shows rate defaults per scenario', async () => {
    expect(await loadHelp()).toContain(
      'iterations per second of throughput and soak (default: 10 for throughput, 5 for soak)',
    );
  });

  it('shows duration default per scenario', async () => {
    expect(await loadHelp()).toContain('(default: 1m for throughput, 30m for soak)');
  });

  it('shows peak-rate default', async () => {
    expect(await loadHelp()).toContain('top iterations per second of ramp and spike (default: 50)');
  });

  it('shows max-rps default', async () => {
    expect(await loadHelp()).toContain(
      'cap in requests per second, replacing the store limit (default: the --store-tier limit',
    );
  });

  it('explains rejected shape options', async () => {
    expect(await loadHelp()).toContain(
      '--peak-rate shapes ramp and spike; the other scenarios reject them',
    );
  });
});

describe('load command', () => {
  it('documents its options', async () => {
    const { program: root, output } = program();
    await root.parseAsync(['node', 'cli', 'load', '--help']).catch(() => undefined);

    const help = output.join('');
    for (const flag of ['--journey', '--allow-live', '--store-tier', '--max-rps', '--results']) {
      expect(help).toContain(flag);
    }
  });

  it('rejects an unknown scenario', async () => {
    const { program: root, output } = program();
    await root.parseAsync(['node', 'cli', 'load', 'burst']).catch(() => undefined);

    expect(output.join('')).toContain(
      "is invalid for argument 'scenario'. Use one of smoke, throughput, ramp, spike, soak.",
    );
  });

  it('names value of bad --env', async () => {
    const { error } = await parseFailure(['smoke', '-e', 'FOO=1', '--bundle-only']);

    expect(error?.code).toBe('commander.invalidArgument');
    expect(error?.message).toContain("argument 'FOO=1' is invalid. Use LOAD_NAME=value");
  });

  it('rejects credentials in --env', async () => {
    const { program: root, output } = program();
    const args = ['node', 'cli', 'load', 'smoke', '-e', 'MOLTIN_CLIENT_SECRET=x', '--bundle-only'];
    await root.parseAsync(args).catch(() => undefined);

    expect(output.join('')).toContain('Credentials and the target come from the environment only');
  });
});

describe('loadValues', () => {
  it('maps flags to LOAD values', () => {
    expect(
      loadValues('throughput', { rate: 12, duration: '2m', env: ['LOAD_P95_MS=250'] }),
    ).toEqual({
      LOAD_P95_MS: '250',
      LOAD_RATE: '12',
      LOAD_DURATION: '2m',
    });
  });

  it('peak rate sets ramp peak', () => {
    expect(loadValues('ramp', { peakRate: 80, env: [] })).toEqual({ LOAD_PEAK_RATE: '80' });
  });

  it('peak rate sets spike rate', () => {
    expect(loadValues('spike', { peakRate: 80, env: [] })).toEqual({ LOAD_SPIKE_RATE: '80' });
  });
});
