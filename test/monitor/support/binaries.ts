import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Finds an executable on PATH or in /usr/bin, where Debian packages install it. */
export function findBinary(name: string): string | undefined {
  const folders = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin'];
  return folders.map((folder) => join(folder, name)).find((candidate) => existsSync(candidate));
}
