import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { JOURNEYS } from '../../load/lib/catalog.js';
import { launchLoad } from '../../src/load/launch.js';
import { K6NotFoundError, locateK6 } from '../../src/load/locate-k6.js';
import { createLogger } from '../../src/log.js';

function findK6(): { bin?: string; reason?: string } {
  try {
    return { bin: locateK6(process.env) };
  } catch (error) {
    if (error instanceof K6NotFoundError) {
      return { reason: error.message.split('\n')[0] };
    }
    throw error;
  }
}

const k6 = findK6();
if (k6.bin === undefined) {
  console.info(`real k6 smoke runs skipped: ${k6.reason}`);
}

const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe.skipIf(k6.bin === undefined)('real k6 smoke', () => {
  for (const journey of JOURNEYS) {
    it(`passes ${journey} against the sandbox`, async () => {
      const resultsRoot = await mkdtemp(join(tmpdir(), 'k6-smoke-'));
      dirs.push(resultsRoot);
      const output: string[] = [];
      const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

      const code = await launchLoad(
        {
          scenario: 'smoke',
          journey,
          allowLive: false,
          storeTier: 'development',
          load: { LOAD_SMOKE_ITERATIONS: '3' },
          resultsRoot,
        },
        {
          env: { ...process.env, MOLTIN_BASE_URL: undefined },
          log: createLogger({ level: 'warn', destination: silent }),
          stdout: (text) => output.push(text),
          stderr: (text) => output.push(text),
        },
      );

      expect(code, output.join('')).toBe(0);
      const junitPath = /results: .*?, (\S+junit\.xml)/.exec(output.join(''))?.[1] ?? '';
      expect(await readFile(junitPath, 'utf8')).toContain('failures="0"');
    }, 120_000);
  }
});
