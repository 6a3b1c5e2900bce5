import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { TokenTableFullError } from '../src/sandbox/access-token-table.js';
import { SandboxState } from '../src/sandbox/index.js';
import { resolveOptions } from '../src/sandbox/options.js';
import { logSandboxEvents } from '../src/sandbox-events.js';

interface Line {
  level: number;
  msg: string;
  repeats: number;
  tokens?: number;
}

/** Returns a sandbox state whose events go to a logger that keeps its lines, on a fake clock. */
function setup() {
  const lines: Line[] = [];
  const destination = { write: (text: string) => void lines.push(JSON.parse(text) as Line) };
  const log = createLogger({ destination });
  const state = new SandboxState(resolveOptions({}));
  const clock = { now: 0 };
  logSandboxEvents(state, log, () => clock.now);
  return { lines, state, clock };
}

describe('sandbox event log', () => {
  it('logs a full table once a minute', () => {
    const { lines, state, clock } = setup();
    const full = new TokenTableFullError(8);

    state.reportTokenTableFull(full);
    state.reportTokenTableFull(full);
    state.reportTokenTableFull(full);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe(40);
    expect(lines[0]?.msg).toMatch(/access token table full/);
    expect(lines[0]?.repeats).toBe(0);

    clock.now = 60_000;
    state.reportTokenTableFull(full);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.repeats).toBe(2);
  });

  it('logs failures apart from a full table', () => {
    const { lines, state } = setup();

    state.reportTokenTableFull(new TokenTableFullError(8));
    state.reportRequestFailed(new RangeError('unexpected'));
    expect(lines.map((line) => line.level)).toEqual([40, 50]);
    expect(lines[1]?.msg).toMatch(/failed with 500/);
  });
});
