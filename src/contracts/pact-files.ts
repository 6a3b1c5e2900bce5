import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { SANDBOX_ONLY_COMMENT } from './marks.js';

/** An interaction left out of a verification, and why. */
export interface SkippedInteraction {
  description: string;
  reason: string;
}

interface PactDocument {
  interactions?: { description?: string; comments?: Record<string, unknown> }[];
}

/** Lists the pact files (`*.json`) in a folder, sorted; an absent folder has none. */
export async function listPactFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });

  return names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => resolve(dir, name));
}

/**
 * Copies local pact files to a temporary folder without the interactions marked sandbox-only,
 * for providers that cannot be put into those states. URLs pass through unchanged.
 */
export async function withoutSandboxOnly(
  sources: readonly string[],
): Promise<{ sources: string[]; skipped: SkippedInteraction[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'token-harness-pacts-'));
  const skipped: SkippedInteraction[] = [];
  const filtered: string[] = [];

  for (const source of sources) {
    if (/^https?:\/\//.test(source)) {
      filtered.push(source);
      continue;
    }

    const pact = JSON.parse(await readFile(source, 'utf8')) as PactDocument;
    const kept = (pact.interactions ?? []).filter((interaction) => {
      const reason = interaction.comments?.[SANDBOX_ONLY_COMMENT];

      if (typeof reason === 'string') {
        skipped.push({ description: interaction.description ?? '(unnamed)', reason });
        return false;
      }

      return true;
    });
    const target = join(dir, `${filtered.length}-${basename(source)}`);

    await writeFile(target, JSON.stringify({ ...pact, interactions: kept }));
    filtered.push(target);
  }

  return { sources: filtered, skipped };
}
