import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the project root: the nearest folder above this module that contains
 * `load/scripts`. Walking up works both from `src/load` under tsx and from `dist/src/load`
 * after a build.
 */
export function projectRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'load', 'scripts'))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`no load/scripts folder found above ${start}; run from a project checkout`);
    }
    dir = parent;
  }
}
