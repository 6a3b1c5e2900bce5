import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cores: number;
  cpuModel: string;
  node: string;
  /** Whether `taskset` can pin the server and the load generator to separate cores. */
  canPin: boolean;
}

function cpuModel(): string {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    return /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Describes the machine the figures come from. */
export function describeMachine(): Machine {
  const cores = os.availableParallelism();
  return { cores, cpuModel: cpuModel(), node: process.version, canPin: cores >= 2 && hasTaskset() };
}

/** One line naming the machine, printed beside every figure. */
export function machineLine(machine: Machine): string {
  return `${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}`;
}
