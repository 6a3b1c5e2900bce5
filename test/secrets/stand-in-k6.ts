import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readSettings } from '../../load/lib/settings.js';
import { createHandleSummary } from '../../load/lib/summary/handle-summary.js';
import { sampleSummary } from '../load/summary-fixture.js';

// A stand-in for k6, because k6 is in no package registry this project installs from. Like a
// client-credentials journey, it issues a token and logs the customer in with the credentials
// from its environment, then writes the results folder the way the scripts' handleSummary
// does, from files prepared in K6_STAND_IN_FIXTURE, and prints the text summary.
const STAND_IN = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
if (process.argv[2] === 'version') {
  console.log('k6 v0.49.0 (stand-in)');
  process.exit(0);
}
(async () => {
  const env = process.env;
  const issued = await fetch(env.MOLTIN_BASE_URL + '/oauth/access_token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: env.MOLTIN_CLIENT_ID,
      client_secret: env.MOLTIN_CLIENT_SECRET,
    }),
  });
  const token = (await issued.json()).access_token;
  const login = await fetch(env.MOLTIN_BASE_URL + '/v2/customers/tokens', {
    method: 'POST',
    headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
    body: JSON.stringify({
      data: {
        type: 'token',
        email: env.MOLTIN_CUSTOMER_EMAIL,
        password: env.MOLTIN_CUSTOMER_PASSWORD,
        authentication_mechanism: 'password',
      },
    }),
  });
  await login.arrayBuffer();
  console.log('stand-in k6: issue status ' + issued.status + ', login status ' + login.status);
  const fixture = env.K6_STAND_IN_FIXTURE;
  for (const name of fs.readdirSync(fixture)) {
    if (name !== 'stdout') {
      fs.copyFileSync(path.join(fixture, name), path.join(env.LOAD_RESULTS_DIR, name));
    }
  }
  process.stdout.write(fs.readFileSync(path.join(fixture, 'stdout')));
  process.exit(issued.status === 200 && login.status === 200 ? 0 : 1);
})();
`;

/**
 * Writes the stand-in k6 and its fixture under `folder`. Returns the executable for K6_BIN and
 * the fixture folder for K6_STAND_IN_FIXTURE.
 */
export async function writeStandInK6(folder: string): Promise<{ bin: string; fixture: string }> {
  const bin = join(folder, 'k6');
  const fixture = join(folder, 'k6-fixture');
  await mkdir(fixture, { recursive: true });
  await writeFile(bin, STAND_IN);
  await chmod(bin, 0o755);

  // Only the journey and scenario reach the summary; the rest just satisfies the settings check.
  const settings = readSettings(
    {
      MOLTIN_BASE_URL: 'http://127.0.0.1:9',
      MOLTIN_CLIENT_ID: 'fixture-client',
      MOLTIN_CLIENT_SECRET: 'fixture-secret',
      LOAD_SCENARIO: 'smoke',
      LOAD_RESULTS_DIR: 'results',
    },
    'client-credentials',
  );
  const files = createHandleSummary(settings)(sampleSummary());
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(fixture, basename(name)), text);
  }

  return { bin, fixture };
}
