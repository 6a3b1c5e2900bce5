import { ConfigError } from './config.js';

/** Exit codes shared by every command. */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2 });

/**
 * Wraps a command action so configuration errors print their problems and exit 2, and any
 * other error prints one line and exits 1, instead of an unhandled rejection with a stack.
 */
export function action<Args extends unknown[]>(
  run: (...args: Args) => Promise<number | undefined>,
): (...args: Args) => Promise<void> {
  return async (...args: Args) => {
    try {
      const code = await run(...args);
      process.exitCode = code ?? EXIT.ok;
    } catch (error) {
      if (error instanceof ConfigError) {
        process.stderr.write(`token-harness: ${error.message}\n`);
        process.exitCode = EXIT.usage;
        return;
      }

      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      process.stderr.write(`token-harness: ${message}\n`);
      process.exitCode = EXIT.failed;
    }
  };
}
