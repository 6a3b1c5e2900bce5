import { createRequire } from 'node:module';
import { nodeCommand, runToEnd } from './child.js';
import type { LoadGenerator, LoadOptions, LoadResult } from './load-generator.js';

const require = createRequire(import.meta.url);
const AUTOCANNON = require.resolve('autocannon/autocannon.js');

/** Builds the autocannon arguments, naming the body file `bodyFile`. */
function autocannonArgs(options: LoadOptions, bodyFile = options.bodyFile): string[] {
  const args = ['-j', '-c', String(options.connections), '-d', String(options.durationSeconds)];
  args.push('-m', options.method, '-H', `content-type=${options.contentType}`);
  args.push('-i', bodyFile);
  if (options.rate !== undefined) args.push('-R', String(options.rate));
  return [...args, options.url];
}

/** Runs autocannon in its own process, pinned when a core is given, and reads its JSON. */
async function runAutocannon(options: LoadOptions): Promise<LoadResult> {
  const command = nodeCommand(AUTOCANNON, autocannonArgs(options), {
    cpu: options.cpu,
    typescript: false,
  });
  const output = await runToEnd(command.file, command.args);
  const result = JSON.parse(output) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number; max: number };
    non2xx: number;
    errors: number;
  };

  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
    connections: options.connections,
    printedArgs: autocannonArgs(options, 'form-body'),
  };
}

/** autocannon 9, the fallback generator because it installs with the project's packages. */
export const autocannon: LoadGenerator = {
  name: 'autocannon',
  latencyStepMs: 1,
  description:
    'autocannon 9 records whole milliseconds, rounded down, so a p99 of 1 means under 2 ms. ' +
    'With `-R` it splits the rate over its connections, and each connection sends back to back ' +
    'until its share of the second is used, then waits for the next second; it then corrects ' +
    'latency for coordinated omission with a 1 ms expected interval ' +
    '(`recordValueWithExpectedInterval` in lib/run.js), which adds samples below each slow ' +
    'response.',
  run: runAutocannon,
};
