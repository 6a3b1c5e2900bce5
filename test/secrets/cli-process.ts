import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(PROJECT_ROOT, 'src', 'cli.ts');
/** tsx's loader by absolute URL, because `--import tsx` resolves from the child's own cwd. */
const TSX_LOADER = pathToFileURL(
  join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs'),
).href;

/** Output and exit of one CLI process. */
export interface CliResult {
  /** Arguments after `token-harness`, for naming the process in messages. */
  args: readonly string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env: Record<string, string>;
  cwd: string;
  /** Real milliseconds before the process is killed with SIGKILL. */
  timeoutMs?: number;
}

/**
 * A `token-harness` process started through tsx, as `npm run cli` starts it. Its output is kept
 * whole so every byte can be scanned afterwards.
 */
export class CliProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<CliResult>;
  private readonly child: ChildProcess;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly args: readonly string[],
    options: CliOptions,
  ) {
    // `node --import tsx` rather than the tsx binary, whose parent process relays signals to
    // the real one and can kill it before the monitor's own SIGTERM handler is registered.
    this.child = spawn(process.execPath, ['--import', TSX_LOADER, CLI, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => this.append('stdout', chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.append('stderr', chunk));

    const killer = setTimeout(() => this.child.kill('SIGKILL'), options.timeoutMs ?? 45_000);
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        clearTimeout(killer);
        resolve({ args, code, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  private append(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    this[stream] += chunk.toString('utf8');
    for (const listener of this.listeners) {
      listener();
    }
  }

  /** Resolves with the first JSON log line on stdout whose `msg` is `message`. */
  waitForLog(message: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const line = findLogLine(this.stdout, message);
        if (line !== undefined) {
          done();
          resolve(line);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`token-harness ${this.args.join(' ')} logged no "${message}"`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };

      this.listeners.add(check);
      this.exited.then(() => {
        if (this.listeners.has(check)) {
          done();
          reject(new Error(`token-harness ${this.args.join(' ')} exited before "${message}"`));
        }
      });
      check();
    });
  }

  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }
}

/** Runs a command to its end. */
export function runCli(args: readonly string[], options: CliOptions): Promise<CliResult> {
  return new CliProcess(args, options).exited;
}

/** Parses pino's JSON lines, skipping any line that is not JSON. */
export function logLines(text: string): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) {
      continue;
    }
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // A line that starts like JSON but is not, such as a partial write, is not a log line.
    }
  }
  return lines;
}

function findLogLine(text: string, message: string): Record<string, unknown> | undefined {
  return logLines(text).find((line) => line.msg === message);
}
