import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { compiledEntry } from './compile.js';

/** A child process started by `startChild`, with the port it reported. */
export interface Child {
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface NodeOptions {
  /** Core to pin the process to with taskset. */
  cpu?: number;
  nodeFlags?: readonly string[];
  /** Loads tsx so the script may be TypeScript; default true. */
  typescript?: boolean;
}

export interface ChildOptions extends NodeOptions {
  /** Runs a TypeScript script from tsc's output (see `compiledEntry`); default true. */
  compiled?: boolean;
}

/** Builds the command that runs `script` under Node, pinned to `cpu` when one is given. */
export function nodeCommand(
  script: string,
  args: readonly string[],
  options: NodeOptions = {},
): { file: string; args: string[] } {
  const loader = options.typescript === false ? [] : ['--import', 'tsx'];
  const node = [...(options.nodeFlags ?? []), ...loader, script, ...args];
  if (options.cpu === undefined) return { file: process.execPath, args: node };
  return { file: 'taskset', args: ['-c', String(options.cpu), process.execPath, ...node] };
}

/**
 * Starts a server script that prints `listening <port>` on its first stdout line. A
 * TypeScript script runs from tsc's output (see `compiledEntry`), so without a loader, unless
 * `compiled` is false.
 */
export async function startChild(
  script: string,
  args: readonly string[],
  options: ChildOptions = {},
): Promise<Child> {
  const { compiled = true, ...nodeOptions } = options;
  const typescript = script.endsWith('.ts');
  const entry = typescript && compiled ? compiledEntry(script) : script;
  const command = nodeCommand(entry, args, {
    ...nodeOptions,
    typescript: typescript && !compiled,
  });
  const child = spawn(command.file, command.args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`${script} exited with code ${code} before listening`);
    }),
  ])) as [string];

  const port = Number(/^listening (\d+)$/.exec(line)?.[1]);
  if (!Number.isInteger(port)) throw new Error(`${script} printed ${JSON.stringify(line)}`);

  return {
    port,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs a command to completion and returns its stdout; rejects on a non-zero exit. */
export async function runToEnd(file: string, args: readonly string[]): Promise<string> {
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  // 'close' rather than 'exit': Node may emit 'exit' before the last stdout data.
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`${file} ${args.join(' ')} exited with code ${code}`);
  return Buffer.concat(chunks).toString('utf8');
}
