import { Command, CommanderError } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerVerifyCommand, timeoutMilliseconds } from '../../src/contracts/command.js';
import { CLI_TEST_TIMEOUT_MS, runCli } from './run-cli.js';
import { startSilentServer } from './silent-server.js';

function buildVerify(output: string[] = []): Command {
  const program = new Command('token-harness').exitOverride();
  registerVerifyCommand(program);

  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => output.push(text),
      writeErr: (text) => output.push(text),
    });
  }

  return program;
}

async function runVerify(args: string[]): Promise<number | string | undefined> {
  process.exitCode = undefined;
  await buildVerify().parseAsync(['node', 'token-harness', 'verify', ...args]);
  const code = process.exitCode;
  process.exitCode = undefined;
  return code;
}

async function parseError(args: string[]): Promise<CommanderError | undefined> {
  const output: string[] = [];
  const failure = await buildVerify(output)
    .parseAsync(['node', 'token-harness', 'verify', ...args])
    .then(() => undefined)
    .catch((error: unknown) => error);
  return failure instanceof CommanderError ? failure : undefined;
}

async function helpText(): Promise<string> {
  const output: string[] = [];
  await buildVerify(output)
    .parseAsync(['node', 'token-harness', 'verify', '--help'])
    .catch(() => undefined);
  return output.join('');
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('verify timeout option', () => {
  it.each(['abc', '-5', '0', '1.5', '', '1e3'])('rejects %j', (value) => {
    expect(() => timeoutMilliseconds(value)).toThrow('use a whole number of milliseconds above 0');
  });

  it('accepts milliseconds', () => {
    expect(timeoutMilliseconds('2000')).toBe(2000);
  });

  it('names --timeout when invalid', async () => {
    const error = await parseError(['--timeout', 'abc']);

    expect(error?.code).toBe('commander.invalidArgument');
    expect(error?.message).toContain("option '--timeout <ms>' argument 'abc' is invalid");
  });

  it('names --timeout-ms when invalid', async () => {
    const error = await parseError(['--timeout-ms', '-1']);

    expect(error?.message).toContain("option '--timeout-ms <ms>' argument '-1' is invalid");
  });
});

describe('verify help', () => {
  it('starts description lower case', async () => {
    const program = buildVerify();
    const description = program.commands[0]?.description() ?? '';

    expect(description).toMatch(/^[a-z]/);
    expect(description).not.toContain('\n');
  });

  it('shows --timeout with unit', async () => {
    expect(await helpText()).toMatch(
      /--timeout <ms>\s+limit for each request to the provider, in\s+milliseconds/,
    );
  });

  it('hides --timeout-ms', async () => {
    expect(await helpText()).not.toContain('--timeout-ms');
  });

  it('lists exit codes after options', async () => {
    const help = await helpText();

    expect(help.indexOf('Exit codes: 0')).toBeGreaterThan(help.indexOf('--timeout'));
  });
});

describe('verify command', () => {
  it('exits 2 for unreachable provider', async () => {
    vi.stubEnv('MOLTIN_CLIENT_ID', 'command-client');
    vi.stubEnv('MOLTIN_CLIENT_SECRET', 'command-secret');
    vi.spyOn(process.stderr, 'write').mockReturnValue(true);

    expect(await runVerify(['--provider-url', 'http://127.0.0.1:1'])).toBe(2);
  });

  it('exits 2 for remote without credentials', async () => {
    vi.stubEnv('MOLTIN_CLIENT_ID', '');
    vi.stubEnv('MOLTIN_CLIENT_SECRET', '');
    const stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);

    expect(await runVerify(['--provider-url', 'https://provider.example'])).toBe(2);
    expect(String(stderr.mock.calls[0]?.[0])).toContain('MOLTIN_CLIENT_ID is missing');
  });

  it('applies --timeout-ms alias', async () => {
    const silent = await startSilentServer();
    const stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);

    try {
      await runVerify(['--provider-url', silent.url, '--timeout-ms', '300']);
    } finally {
      await silent.close();
    }

    expect(String(stderr.mock.calls[0]?.[0])).toContain('no response within 300 ms');
  });

  it('exits 0 on sandbox', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const run = await runCli(['verify'], { direct: true });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('contracts verified');
  });

  it('exits 1 on legacy profile', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const run = await runCli(['verify', '--profile', 'legacy']);
    const mismatchLines = run.stdout.split('\n').filter((line) => line.includes(' | status | '));

    expect(run.code).toBe(1);
    expect(mismatchLines).toEqual([
      'a client_credentials token request with a wrong secret | status | expected 401 | actual 403',
    ]);
    expect(run.stdout).toContain('5 mismatch(es)');
  });

  it('prints no colour to a pipe', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const run = await runCli(['verify', '--profile', 'legacy']);

    expect(run.stdout).toContain('Verifying a pact between token-harness and moltin-auth');
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stderr).not.toContain('\u001b[');
  });
});
