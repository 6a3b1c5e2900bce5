import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
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

    expect(output.join('')).toContain('use one of smoke, throughput, ramp, spike, soak');
  });

  it('rejects credentials in --env', async () => {
    const { program: root, output } = program();
    const args = ['node', 'cli', 'load', 'smoke', '-e', 'MOLTIN_CLIENT_SECRET=x', '--bundle-only'];
    await root.parseAsync(args).catch(() => undefined);

    expect(output.join('')).toContain('credentials and the target come from the environment only');
  });
});

describe('loadValues', () => {
  it('maps flags to LOAD values', () => {
    expect(
      loadValues({ rate: 12, peakRate: 80, duration: '2m', env: ['LOAD_P95_MS=250'] }),
    ).toEqual({
      LOAD_P95_MS: '250',
      LOAD_RATE: '12',
      LOAD_PEAK_RATE: '80',
      LOAD_SPIKE_RATE: '80',
      LOAD_DURATION: '2m',
    });
  });
});
