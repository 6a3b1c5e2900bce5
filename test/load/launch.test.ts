import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveTargetError } from '../../src/load/guard.js';
import { type LoadRequest, launchLoad, runFolderName } from '../../src/load/launch.js';
import { createLogger } from '../../src/log.js';
import { SANDBOX_DEFAULTS } from '../../src/sandbox/index.js';
import { sampleSummary } from './summary-fixture.js';

// A stand-in k6: it records its arguments and environment, issues one real token from the
// target it received (unless K6_FAKE_OFFLINE is 1), writes a summary and exits with
// K6_FAKE_EXIT.
const FAKE_K6 = `#!/usr/bin/env node
const fs = require('node:fs');
const [command] = process.argv.slice(2);
if (command === 'version') {
  console.log('k6 v0.49.0 (fake)');
  process.exit(0);
}
(async () => {
  const env = process.env;
  let status = 'offline';
  if (env.K6_FAKE_OFFLINE !== '1') {
    const response = await fetch(env.MOLTIN_BASE_URL + '/oauth/access_token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: env.MOLTIN_CLIENT_ID,
        client_secret: env.MOLTIN_CLIENT_SECRET,
      }),
    });
    status = response.status;
  }
  const picked = {};
  for (const name of ['LOAD_SCENARIO', 'LOAD_MAX_RPS', 'LOAD_RATE', 'K6_NO_USAGE_REPORT']) {
    picked[name] = env[name];
  }
  fs.writeFileSync(env.K6_FAKE_RECORD, JSON.stringify({ argv: process.argv.slice(2), \
cwd: process.cwd(), status, picked }));
  fs.copyFileSync(env.K6_FAKE_SUMMARY, env.LOAD_RESULTS_DIR + '/summary.json');
  console.log('WARN[0010] Insufficient VUs, reached 10 active VUs and cannot initialize more');
  process.exit(Number(env.K6_FAKE_EXIT || 0));
})();
`;

interface Recorded {
  argv: string[];
  cwd: string;
  status: number | string;
  picked: Record<string, string | undefined>;
}

let dir: string;
let binDir: string;
let summaryFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'k6-launch-'));
  binDir = join(dir, 'bin');
  await mkdir(binDir);
  await writeFile(join(binDir, 'k6'), FAKE_K6);
  await chmod(join(binDir, 'k6'), 0o755);
  summaryFile = join(dir, 'summary-input.json');
  await writeFile(summaryFile, JSON.stringify(sampleSummary()));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, log: createLogger({ level: 'debug', destination }) };
}

async function launch(request: Partial<LoadRequest>, env: Record<string, string> = {}) {
  const name = `run-${Math.random().toString(36).slice(2)}`;
  const record = join(dir, `${name}.json`);
  const output = { stdout: '', stderr: '' };
  const { lines, log } = capture();

  const code = await launchLoad(
    {
      scenario: 'smoke',
      journey: 'client-credentials',
      allowLive: false,
      storeTier: 'development',
      load: {},
      resultsRoot: join(dir, name),
      ...request,
    },
    {
      env: {
        PATH: `${binDir}:${process.env.PATH ?? ''}`,
        K6_FAKE_RECORD: record,
        K6_FAKE_SUMMARY: summaryFile,
        ...env,
      },
      log,
      stdout: (text) => {
        output.stdout += text;
      },
      stderr: (text) => {
        output.stderr += text;
      },
      now: () => new Date('2025-01-02T03:04:05.678Z'),
    },
  );

  const recorded = await readFile(record, 'utf8')
    .then((text) => JSON.parse(text) as Recorded)
    .catch(() => undefined);
  return { code, output, recorded, logs: lines.join('') };
}

describe('launchLoad with the embedded sandbox', () => {
  let run: Awaited<ReturnType<typeof launch>>;

  beforeAll(async () => {
    run = await launch({ scenario: 'throughput', load: { LOAD_RATE: '3' } });
  }, 60_000);

  it('gives k6 working credentials', () => {
    expect(run.recorded?.status).toBe(200);
  });

  it('keeps credentials off the command line', () => {
    expect(run.recorded?.argv).toEqual([
      'run',
      '--no-usage-report',
      'load/dist/client-credentials.js',
    ]);
  });

  it('passes scenario and settings as env', () => {
    expect(run.recorded?.picked.LOAD_SCENARIO).toBe('throughput');
    expect(run.recorded?.picked.LOAD_RATE).toBe('3');
    expect(run.recorded?.picked.K6_NO_USAGE_REPORT).toBe('true');
  });

  it('leaves a local run uncapped', () => {
    expect(run.recorded?.picked.LOAD_MAX_RPS).toBeUndefined();
  });

  it('returns k6 exit code 0', () => {
    expect(run.code).toBe(0);
  });

  it('prints the results and headline', () => {
    expect(run.output.stdout).toContain(
      '20250102T030405Z-client-credentials-throughput/summary.json',
    );
    expect(run.output.stdout).toContain('requests/s: 10.00');
    expect(run.output.stdout).toContain('p95: 41.50 ms');
    expect(run.output.stdout).toContain('failures: 2');
  });

  it('warns about a saturated generator', () => {
    expect(run.logs).toContain('k6 looks saturated');
    expect(run.logs).toContain('k6 dropped 3 iterations');
  });

  it('logs no secret', () => {
    expect(run.logs).not.toContain(SANDBOX_DEFAULTS.clientSecret);
    expect(run.logs).not.toContain(SANDBOX_DEFAULTS.customer.password);
    expect(run.output.stdout).not.toContain(SANDBOX_DEFAULTS.clientSecret);
  });
});

describe('launchLoad exit codes', () => {
  it('returns the thresholds exit code', async () => {
    const run = await launch({}, { K6_FAKE_EXIT: '99' });

    expect(run.code).toBe(99);
  }, 60_000);

  it('returns 2 without k6', async () => {
    const run = await launch({}, { PATH: '/nowhere' });

    expect(run.code).toBe(2);
    expect(run.output.stderr).toContain('no k6 is on PATH');
    expect(run.recorded).toBeUndefined();
  }, 60_000);

  it('returns 0 for a bundle-only run', async () => {
    const run = await launch({ bundleOnly: true });

    expect(run.code).toBe(0);
    expect(run.output.stdout).toContain('load/dist/refresh.js');
    expect(run.recorded).toBeUndefined();
  }, 60_000);
});

describe('launchLoad setting checks', () => {
  it('invalid -e rate starts no k6', async () => {
    const run = launch({ scenario: 'smoke', load: { LOAD_RATE: 'abc' } });

    await expect(run).rejects.toThrow('-e LOAD_RATE is "abc"; use a number of at least 0.01');
  });

  it('invalid environment rate starts no k6', async () => {
    const run = launch({ scenario: 'throughput' }, { LOAD_RATE: 'abc' });

    await expect(run).rejects.toMatchObject({ name: 'ConfigError' });
  });

  it('negative smoke iterations start no k6', async () => {
    const run = launch({ load: { LOAD_SMOKE_ITERATIONS: '-3' } });

    await expect(run).rejects.toThrow('-e LOAD_SMOKE_ITERATIONS is "-3"');
  });
});

describe('launchLoad live guard', () => {
  const liveEnv = {
    MOLTIN_CLIENT_ID: 'live-id',
    MOLTIN_CLIENT_SECRET: 'live-secret',
    K6_FAKE_OFFLINE: '1',
  };

  it('rejects a live target by default', async () => {
    await expect(launch({ target: 'https://store.example.invalid' }, liveEnv)).rejects.toThrow(
      LiveTargetError,
    );
  });

  it('caps an allowed live target', async () => {
    const run = await launch({ target: 'https://store.example.invalid', allowLive: true }, liveEnv);

    expect(run.recorded?.picked.LOAD_MAX_RPS).toBe('25');
    expect(run.recorded?.status).toBe('offline');
  }, 60_000);

  it('applies --max-rps to a live target', async () => {
    const run = await launch(
      {
        target: 'https://store.example.invalid',
        allowLive: true,
        maxRps: 40,
        storeTier: 'production',
      },
      liveEnv,
    );

    expect(run.recorded?.picked.LOAD_MAX_RPS).toBe('40');
  }, 60_000);
});

describe('runFolderName', () => {
  it('sorts by time', () => {
    expect(runFolderName(new Date('2025-01-02T03:04:05.678Z'), 'refresh', 'ramp')).toBe(
      '20250102T030405Z-refresh-ramp',
    );
  });
});
