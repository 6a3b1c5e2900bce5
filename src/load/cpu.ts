import { readFileSync } from 'node:fs';

/**
 * Clock ticks per second in `/proc/<pid>/stat`. Linux reports CPU times to user space in
 * USER_HZ, which is 100 on every mainstream architecture.
 */
const USER_HZ = 100;

/** Share of one core above which the generator counts as saturated. */
export const SATURATED_CORES = 0.9;

/** Consecutive saturated samples that make a warning, so a start-up burst does not. */
export const SATURATED_SAMPLES = 3;

/** User plus system CPU seconds of a process, from `/proc/<pid>/stat`; undefined off Linux. */
export function readCpuSeconds(pid: number, read = readFileSync): number | undefined {
  let stat: string;
  try {
    stat = read(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }

  // The command name in brackets may contain spaces, so fields are counted after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / USER_HZ : undefined;
}

export interface CpuReport {
  /** Cores used in each sampling interval, oldest first. */
  samples: number[];
  peakCores: number;
  /** True when `SATURATED_SAMPLES` intervals in a row used at least `SATURATED_CORES`. */
  saturated: boolean;
}

export function summariseCpu(samples: number[]): CpuReport {
  let run = 0;
  let saturated = false;
  for (const cores of samples) {
    run = cores >= SATURATED_CORES ? run + 1 : 0;
    saturated ||= run >= SATURATED_SAMPLES;
  }
  return { samples, peakCores: Math.max(0, ...samples), saturated };
}

export interface CpuSampler {
  stop(): CpuReport;
}

/** Samples a child's CPU use every `intervalMs` until stopped. */
export function sampleCpu(
  pid: number,
  intervalMs = 1000,
  readSeconds: (pid: number) => number | undefined = readCpuSeconds,
  now: () => number = () => performance.now(),
): CpuSampler {
  const samples: number[] = [];
  let lastSeconds = readSeconds(pid);
  let lastAt = now();

  const timer = setInterval(() => {
    const seconds = readSeconds(pid);
    const at = now();
    if (seconds !== undefined && lastSeconds !== undefined && at > lastAt) {
      samples.push((seconds - lastSeconds) / ((at - lastAt) / 1000));
    }
    lastSeconds = seconds;
    lastAt = at;
  }, intervalMs);
  timer.unref();

  return {
    stop: () => {
      clearInterval(timer);
      return summariseCpu(samples);
    },
  };
}
