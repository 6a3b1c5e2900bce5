import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNEYS } from '../../load/lib/catalog.js';
import { type Bundle, bundleScripts } from '../../src/load/bundle.js';
import { projectRoot } from '../../src/load/paths.js';

let outDir: string;
let bundle: Bundle;
const code: Record<string, string> = {};

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'k6-bundle-'));
  bundle = await bundleScripts({ outDir });
  for (const journey of JOURNEYS) {
    code[journey] = await readFile(bundle.scripts[journey], 'utf8');
  }
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('bundleScripts', () => {
  for (const journey of JOURNEYS) {
    describe(journey, () => {
      it('imports only k6 modules', () => {
        const sources = [...(code[journey] ?? '').matchAll(/^import .* from "([^"]+)";$/gm)].map(
          (match) => match[1],
        );

        expect(sources.length).toBeGreaterThan(0);
        expect(sources.filter((source) => !/^k6(\/|$)/.test(source ?? ''))).toEqual([]);
      });

      it('exports what k6 runs', () => {
        const exported = /export \{([^}]*)\}/.exec(code[journey] ?? '')?.[1] ?? '';

        expect(exported).toMatch(/\boptions\b/);
        expect(exported).toMatch(/\bhandleSummary\b/);
        expect(exported).toMatch(/as default\b/);
      });

      it('needs no syntax beyond ES2015', async () => {
        const source = code[journey] ?? '';
        const modern = await transform(source, { target: 'esnext', format: 'esm' });
        const lowered = await transform(source, { target: 'es2015', format: 'esm' });

        expect(lowered.code).toBe(modern.code);
      });

      it('contains no lowering helpers', () => {
        expect(code[journey]).not.toMatch(/__(spread|async|publicField|objRest|await)\w*/);
      });

      it('contains no require calls', () => {
        expect(code[journey]).not.toMatch(/\brequire\(/);
      });
    });
  }
});

describe('load tsconfig', () => {
  it('typechecks the k6 scripts', async () => {
    const root = projectRoot();
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const run = promisify(execFile)(process.execPath, [tsc, '-p', 'load/tsconfig.json'], {
      cwd: root,
    });

    await expect(run).resolves.toBeDefined();
  }, 60_000);
});
