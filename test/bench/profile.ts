import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface CostLine {
  /** Function, package or source file. */
  name: string;
  /** Share of all samples, 0..1. */
  share: number;
}

/** Reads a profile written by the inspector's `Profiler.stop`. */
export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** Names code by where it lives: a package in node_modules, a project file, or Node itself. */
function owner(url: string, functionName: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage?.[1] !== undefined) return inPackage[1];
  const project = /\/(src\/[^?]+)/.exec(url);
  if (project?.[1] !== undefined) return project[1];
  if (url.startsWith('node:')) return url;
  if (url !== '') return path.basename(url);
  // V8's pseudo-entries such as (program) and (garbage collector) keep their names. Other
  // entries without a URL are native code, such as the crypto jobs behind randomBytes.
  return functionName.startsWith('(') ? functionName : '(native code)';
}

function selfTimes(profile: CpuProfile): Map<number, number> {
  const times = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    times.set(id, (times.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return times;
}

function top(totals: Map<string, number>, all: number, count: number): CostLine[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, time]) => ({ name, share: all === 0 ? 0 : time / all }));
}

/**
 * Self time by function and by owner, the largest first, as shares of the busy time. Idle
 * samples (the event loop waiting) are left out and returned as `idleShare` of all samples.
 */
export function summariseProfile(profile: CpuProfile, count = 12) {
  const times = selfTimes(profile);
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let all = 0;
  let idle = 0;

  for (const node of profile.nodes) {
    const time = times.get(node.id) ?? 0;
    if (time === 0) continue;
    if (node.callFrame.functionName === '(idle)') {
      idle += time;
      continue;
    }

    const { functionName, url, lineNumber } = node.callFrame;
    const where = owner(url, functionName);
    const name = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + time);
    byOwner.set(where, (byOwner.get(where) ?? 0) + time);
    all += time;
  }

  return {
    functions: top(byFunction, all, count),
    owners: top(byOwner, all, count),
    idleShare: idle / (all + idle || 1),
  };
}
