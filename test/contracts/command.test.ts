import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerVerifyCommand } from '../../src/contracts/command.js';

async function runVerify(args: string[]): Promise<number | string | undefined> {
  const program = new Command('token-harness').exitOverride();
  registerVerifyCommand(program);
  process.exitCode = undefined;
  await program.parseAsync(['node', 'token-harness', 'verify', ...args]);
  const code = process.exitCode;
  process.exitCode = undefined;
  return code;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('verify command', () => {
  it('exits 2 for unreachable provider', async () => {
    vi.stubEnv('MOLTIN_CLIENT_ID', 'command-client');
    vi.stubEnv('MOLTIN_CLIENT_SECRET', 'command-secret');
    vi.spyOn(process.stderr, 'write').mockReturnValue(true);

    expect(await runVerify(['--provider-url', 'http://127.0.0.1:1'])).toBe(2);
  });

  it('exits 2 without live credentials', async () => {
    vi.spyOn(process.stderr, 'write').mockReturnValue(true);

    expect(await runVerify(['--provider-url', 'http://127.0.0.1:1'])).toBe(2);
  });

  it('exits 1 on legacy profile', async () => {
    vi.spyOn(process.stdout, 'write').mockReturnValue(true);

    expect(await runVerify(['--profile', 'legacy'])).toBe(1);
  });

  it('exits 0 on sandbox', async () => {
    vi.spyOn(process.stdout, 'write').mockReturnValue(true);

    expect(await runVerify([])).toBe(0);
  });
});
