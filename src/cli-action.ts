import { ConfigError } from './config.js';
import { describeSystemError } from './system-error.js';

/** Exit codes shared by every command. */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2 });

/**
 * Wraps a command action so errors print one line instead of a stack. Configuration errors
 * and system errors the user can fix, such as a port in use, exit 2; any other error exits 1.
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

      const systemProblem = describeSystemError(error);
      if (systemProblem !== undefined) {
        process.stderr.write(`token-harness: ${systemProblem}\n`);
        process.exitCode = EXIT.usage;
        return;
      }

      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      process.stderr.write(`token-harness: ${message}\n`);
      process.exitCode = EXIT.failed;
    }
  };
}
