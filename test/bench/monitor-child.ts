import { Writable } from 'node:stream';
import clientCredentials from '../../monitors/client-credentials.js';
import { createLogger } from '../../src/log.js';
import { createEngine } from '../../src/monitor/engine.js';
import { monitorOptions } from './monitor-options.js';

// Child entry point, run with --expose-gc: runs the client-credentials monitor CHECKS times,
// one after another, through the engine with JSON logging to a discarding stream, and prints
// CPU time and heap after GC at checkpoints as JSON on stdout.

const target = process.argv[2] ?? '';
const CHECKS = Number(process.argv[3] ?? 10_000);
const CHECKPOINTS = new Set([1000, CHECKS / 2, CHECKS]);
const MIB = 1024 * 1024;

const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('run with node --expose-gc');

const discard = new Writable({
  write(_chunk, _encoding, callback) {
    callback();
  },
});
const log = createLogger({ level: 'info', destination: discard });
const engine = createEngine({ ...monitorOptions(target), log, sinks: [] });

function heapMiB(): number {
  collect?.();
  collect?.();
  return process.memoryUsage().heapUsed / MIB;
}

const points: Array<{ checks: number; heapUsedMiB: number; rssMiB: number }> = [];
const outcomes: Record<string, number> = {};
const cpuStart = process.cpuUsage();
const startedAt = performance.now();

for (let check = 1; check <= CHECKS; check++) {
  const result = await engine.run(clientCredentials);
  outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;

  if (CHECKPOINTS.has(check)) {
    points.push({ checks: check, heapUsedMiB: heapMiB(), rssMiB: process.memoryUsage().rss / MIB });
  }
}

const cpu = process.cpuUsage(cpuStart);
const wallSeconds = (performance.now() - startedAt) / 1000;
const figures = {
  checks: CHECKS,
  cpuMs: (cpu.user + cpu.system) / 1000,
  wallSeconds,
  points,
  outcomes,
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
