import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full garbage collection, and whether it is a real one or only a hint. */
export interface Collector {
  collect(): void;
  /** `exposed` when `--expose-gc` was given, `enabled` when turned on here, else `none`. */
  source: 'exposed' | 'enabled' | 'none';
}

/**
 * Finds a way to force garbage collection. Node exposes `gc` only with `--expose-gc`; the flag
 * can also be set at run time, after which a new V8 context gets a `gc` global.
 */
export function findCollector(): Collector {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') {
    return { collect: () => exposed(), source: 'exposed' };
  }

  try {
    setFlagsFromString('--expose-gc');
    const enabled = runInNewContext('gc') as unknown;
    if (typeof enabled === 'function') {
      return { collect: () => (enabled as () => void)(), source: 'enabled' };
    }
  } catch {
    // Some runtimes reject flag changes after start; the caller then uses a looser bound.
  }

  return { collect: () => {}, source: 'none' };
}

/** Heap in use after two full collections, in bytes. */
export function settledHeapUsed(collector: Collector): number {
  collector.collect();
  collector.collect();
  return process.memoryUsage().heapUsed;
}
