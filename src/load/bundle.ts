import { join } from 'node:path';
import { build } from 'esbuild';
import { JOURNEYS, type JourneyName } from '../../load/lib/catalog.js';
import { projectRoot } from './paths.js';

/**
 * Syntax level of the bundles. k6 releases before v0.52 pass any script that uses ES module
 * syntax through an embedded Babel, which rejects newer syntax such as optional chaining
 * (k6 v0.47 docs, "JavaScript compatibility mode"). ES2015 output passes that step on k6
 * v0.48 and runs natively in the goja runtime of every newer k6.
 * NOTE: no real k6 has run these bundles yet; the smoke test in test/load runs them where k6
 * is on PATH or in K6_BIN.
 */
export const BUNDLE_TARGET = 'es2015';

export interface BundleOptions {
  /** Project root holding `load/scripts`; found from this module when unset. */
  root?: string;
  /** Output folder, default `<root>/load/dist`. */
  outDir?: string;
}

export interface Bundle {
  outDir: string;
  /** Absolute path of each journey's bundled script. */
  scripts: Record<JourneyName, string>;
}

/** Bundles every journey script into one self-contained ES module file each. */
export async function bundleScripts(options: BundleOptions = {}): Promise<Bundle> {
  const root = options.root ?? projectRoot();
  const outDir = options.outDir ?? join(root, 'load', 'dist');

  await build({
    entryPoints: JOURNEYS.map((journey) => join(root, 'load', 'scripts', `${journey}.ts`)),
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: BUNDLE_TARGET,
    // k6 provides these modules at run time; everything else must be inside the bundle.
    external: ['k6', 'k6/*'],
    tsconfig: join(root, 'load', 'tsconfig.json'),
    logLevel: 'silent',
    legalComments: 'none',
    charset: 'utf8',
  });

  const scripts = {} as Record<JourneyName, string>;
  for (const journey of JOURNEYS) {
    scripts[journey] = join(outDir, `${journey}.js`);
  }
  return { outDir, scripts };
}
