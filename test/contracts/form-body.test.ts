import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { formBody, type V4RequestBuilder } from '../../contracts/support/form-body.js';

async function recordFormInteraction(send: string) {
  const dir = await mkdtemp(join(tmpdir(), 'form-body-'));
  const pact = new PactV4({
    consumer: 'form-consumer',
    provider: 'form-provider',
    dir,
    logLevel: 'error',
  });
  let status = 0;

  await pact
    .addInteraction()
    .uponReceiving('a form request')
    .withRequest('POST', '/form', (builder) => {
      formBody(builder, {
        grant_type: 'implicit',
        client_id: MatchersV3.regex(/^id-\d+$/, 'id-1'),
      });
    })
    .willRespondWith(204)
    .executeTest(async (mockServer) => {
      const response = await fetch(`${mockServer.url}/form`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: send,
      });
      status = response.status;
    })
    .catch(() => undefined);

  return { status, dir };
}

describe('form body helper', () => {
  it('matches reordered form', async () => {
    const { status } = await recordFormInteraction('client_id=id-42&grant_type=implicit');

    expect(status).toBe(204);
  });

  it('rejects non-matching field', async () => {
    const { status } = await recordFormInteraction('grant_type=implicit&client_id=other');

    expect(status).not.toBe(204);
  });

  it('writes form body to pact', async () => {
    const { dir } = await recordFormInteraction('grant_type=implicit&client_id=id-7');
    const pact = JSON.parse(await readFile(join(dir, 'form-consumer-form-provider.json'), 'utf8'));
    const request = pact.interactions[0].request;

    expect(request.body.contentType).toBe('application/x-www-form-urlencoded');
    expect(request.body.content).toBe('client_id=id-1&grant_type=implicit');
    expect(request.matchingRules.body['$.client_id'].matchers[0].regex).toBe('^id-\\d+$');
  });

  it('fails loudly without internals', () => {
    const builder = { headers: () => builder } as unknown as V4RequestBuilder;

    expect(() => formBody(builder, { a: 'b' })).toThrow(/changed its internals/);
  });
});
