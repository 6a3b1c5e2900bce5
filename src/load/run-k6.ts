import { spawn } from 'node:child_process';
import { type CpuReport, sampleCpu } from './cpu.js';

export interface K6Run {
  bin: string;
  /** Arguments after the executable; never credentials, because they show up in logs. */
  args: string[];
  /** The complete child environment, which carries target and credentials. */
  env: Record<string, string>;
  cwd: string;
  /** Receives k6's output as it arrives. */
  stdout: (chunk: string) => void;
  stderr: (chunk: string) => void;
  cpuIntervalMs?: number;
}

export interface K6Outcome {
  exitCode: number;
  /** k6 printed that it ran out of VUs for an arrival-rate scenario. */
  insufficientVUs: boolean;
  cpu: CpuReport;
}

const SIGNAL_EXIT_BASE = 128;
const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/**
 * Runs k6 to completion and returns its exit code. A SIGINT from the terminal reaches k6
 * directly, which then stops gracefully and still writes its summary, so this process only
 * waits; SIGTERM is passed on because it does not reach the child by itself.
 */
export function runK6(run: K6Run): Promise<K6Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(run.bin, run.args, {
      cwd: run.cwd,
      env: run.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let insufficientVUs = false;

    const watch = (write: (chunk: string) => void) => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      insufficientVUs ||= /Insufficient VUs/i.test(text);
      write(text);
    };
    child.stdout.on('data', watch(run.stdout));
    child.stderr.on('data', watch(run.stderr));

    const ignoreInterrupt = () => {};
    const forwardTerminate = () => child.kill('SIGTERM');
    process.on('SIGINT', ignoreInterrupt);
    process.on('SIGTERM', forwardTerminate);

    const sampler = child.pid === undefined ? undefined : sampleCpu(child.pid, run.cpuIntervalMs);
    const finish = () => {
      process.off('SIGINT', ignoreInterrupt);
      process.off('SIGTERM', forwardTerminate);
      return sampler?.stop() ?? { samples: [], peakCores: 0, saturated: false };
    };

    child.on('error', (error) => {
      finish();
      reject(error);
    });
    child.on('close', (code, signal) => {
      const cpu = finish();
      const exitCode = code ?? SIGNAL_EXIT_BASE + (SIGNAL_NUMBERS[signal ?? ''] ?? 0);
      resolve({ exitCode, insufficientVUs, cpu });
    });
  });
}
