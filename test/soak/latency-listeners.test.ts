import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(warning.name);

beforeAll(async () => {
  process.on('warning', onWarning);
  sandbox = await startSandbox({ faults: [{ kind: 'latency', ms: 50 }] });
});

afterAll(async () => {
  await sandbox.close();
  process.off('warning', onWarning);
});

describe('sandbox latency fault', () => {
  // Each delayed request listens for the sandbox closing, so many at once must not look
  // like a listener leak to Node.
  it('twelve concurrent delays warn nothing', async () => {
    const requests = Array.from({ length: 12 }, () =>
      fetch(`${sandbox.url}/oauth/access_token`, { method: 'POST' }).then((response) =>
        response.arrayBuffer(),
      ),
    );
    await Promise.all(requests);
    await new Promise((resolve) => setImmediate(resolve));

    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });
});
