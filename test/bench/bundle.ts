import path from 'node:path';
import { buildSync } from 'esbuild';

/** Where bundles go: under node_modules, so that Node resolves their package imports there. */
const CACHE = path.resolve(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'bench');

/**
 * Bundles a TypeScript entry point and the project modules it imports into one ES module,
 * with packages left as imports, and returns the bundle's path. Children run from bundles as
 * the built CLI runs from dist/. Under `--import tsx` a loader thread compiles the modules,
 * and its garbage collections took up to 16 ms of the pinned server core during paced runs.
 */
export function bundleEntry(script: string): string {
  const outfile = path.join(CACHE, `${path.basename(script, '.ts')}.mjs`);
  buildSync({
    entryPoints: [script],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}
