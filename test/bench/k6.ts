import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runToEnd, startChild } from './child.js';
import { fixed, type Section, shellLine } from './section.js';

const BARE = path.join(import.meta.dirname, 'servers', 'bare.ts');
const VUS = 50;
const SECONDS = 10;

/** A closed-model k6 script that posts a token request in a loop, as fast as k6 can. */
const SCRIPT = `import http from 'k6/http';
export default function () {
  http.post(__ENV.TARGET + '/oauth/access_token', {
    grant_type: 'client_credentials',
    client_id: 'sandbox-client-id',
    client_secret: 'sandbox-client-secret',
  });
}
`;

function k6Version(): string | undefined {
  try {
    return execFileSync('k6', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

// NOTE: the measuring path below has never run, because the machine it was written on has no
// k6. The field it reads from the `--summary-export` file, `metrics.http_reqs.rate`, is unverified.
/**
 * Measures how many requests per second k6 itself can drive against a bare node:http server,
 * pinned to the generator core. Skipped, with the reason, where k6 is not on PATH.
 */
export async function runK6Ceiling(
  cores: { server?: number; generator?: number },
  bareGeneratorRps?: number,
  generatorName = 'autocannon',
): Promise<Section> {
  const title = 'Load generator ceiling: k6';
  const version = k6Version();
  if (version === undefined) {
    const reason =
      'k6 is not on PATH, so its ceiling was not measured. ' +
      'k6 ships in neither npm nor Debian; ' +
      'install a k6 binary and rerun `npm run bench` to fill this section.';
    return {
      title,
      commands: [],
      lines: [reason],
      summary: [`k6: skipped, ${reason.split(',')[0]}`],
    };
  }

  const directory = mkdtempSync(path.join(tmpdir(), 'k6-ceiling-'));
  const script = path.join(directory, 'ceiling.js');
  const summaryFile = path.join(directory, 'summary.json');
  writeFileSync(script, SCRIPT);
  const bare = await startChild(BARE, [], { cpu: cores.server });
  const args = [
    'run',
    '--quiet',
    '--vus',
    String(VUS),
    '--duration',
    `${SECONDS}s`,
    '--summary-export',
    summaryFile,
    '-e',
    `TARGET=http://127.0.0.1:${bare.port}`,
    script,
  ];
  const command =
    cores.generator === undefined
      ? { file: 'k6', args }
      : { file: 'taskset', args: ['-c', String(cores.generator), 'k6', ...args] };

  try {
    await runToEnd(command.file, command.args);
  } finally {
    await bare.stop();
  }

  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as {
    metrics: { http_reqs?: { rate?: number } };
  };
  rmSync(directory, { recursive: true, force: true });
  const rate = summary.metrics.http_reqs?.rate ?? Number.NaN;
  const ratio = bareGeneratorRps === undefined ? undefined : rate / bareGeneratorRps;

  return {
    title,
    commands: [
      shellLine(command.file, command.args).replace(/127\.0\.0\.1:\d+/, '127.0.0.1:<port>'),
    ],
    lines: [
      `${version}, ${VUS} VUs for ${SECONDS} s against the bare node:http server, ` +
        'k6 on its own core.',
      ratio === undefined
        ? `k6 drove ${Math.round(rate)} req/s.`
        : `k6 drove ${fixed(ratio)} of the requests per second ${generatorName} reached ` +
          `against the same server in this run (${Math.round(rate)} req/s).`,
      'A k6 run against the sandbox that reaches this rate measures k6, not the sandbox.',
    ],
    summary: [
      'k6: ceiling ' +
        (ratio === undefined ? `${Math.round(rate)} req/s` : `${fixed(ratio)} of ${generatorName}`),
    ],
  };
}
