import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwaggerMockValidatorFactory } from '@pactflow/swagger-mock-validator';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACT_DIR } from '../../contracts/support/pact.js';
import {
  loadResponseValidator,
  OPENAPI_PATH,
  type ResponseValidator,
} from '../../src/contracts/openapi.js';
import { listPactFiles } from '../../src/contracts/pact-files.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';

const CLIENT = { clientId: 'openapi-client', clientSecret: 'openapi-secret' };
const CUSTOMER = { name: 'Open Api', email: 'openapi@example.com', password: 'openapi-password' };

async function validatePact(mockPathOrUrl: string) {
  const validator = SwaggerMockValidatorFactory.create();
  return validator.validate({ specPathOrUrl: OPENAPI_PATH, mockPathOrUrl });
}

describe('pacts against OpenAPI', () => {
  it('matches every pact file', async () => {
    const files = await listPactFiles(PACT_DIR);
    expect(files.length).toBeGreaterThan(0);

    for (const file of files) {
      const result = await validatePact(file);

      expect(result.errors.map((error) => error.message)).toEqual([]);
      expect(result.warnings.map((warning) => warning.message)).toEqual([]);
    }
  });

  it('catches drifted pact', async () => {
    const [file] = await listPactFiles(PACT_DIR);
    const pact = JSON.parse(await readFile(file ?? '', 'utf8'));
    const token = pact.interactions.find((interaction: { response: { status: number } }) => {
      return interaction.response.status === 200;
    });
    token.response.body.content.token_type = 'bearer';
    token.response.body.content.data = undefined;
    const drifted = join(await mkdtemp(join(tmpdir(), 'openapi-drift-')), 'pact.json');
    await writeFile(drifted, JSON.stringify(pact));

    const result = await validatePact(drifted);

    expect(result.errors.map((error) => error.code)).toContain('response.body.incompatible');
  });
});

type Send = (
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  init?: { form?: Record<string, string>; json?: unknown; bearer?: string },
) => Promise<{ status: number; body: unknown }>;

function sender(baseUrl: string): Send {
  return async (method, path, init = {}) => {
    const headers: Record<string, string> = {};
    let body: string | undefined;

    if (init.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    if (init.bearer !== undefined) headers.authorization = `Bearer ${init.bearer}`;

    const response = await request(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.body.text();

    return { status: response.statusCode, body: text === '' ? undefined : JSON.parse(text) };
  };
}

describe('sandbox responses against OpenAPI', () => {
  let validate: ResponseValidator;
  let sandbox: Sandbox;
  let send: Send;

  beforeAll(async () => {
    validate = await loadResponseValidator();
    sandbox = await startSandbox({ client: CLIENT, customer: CUSTOMER });
    send = sender(sandbox.url);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  async function check(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    init: Parameters<Send>[2],
    expectedStatus: number,
    documentedPath = path,
  ) {
    const response = await send(method, path, init);

    expect(response.status).toBe(expectedStatus);
    expect(validate(documentedPath, method.toLowerCase(), response.status, response.body)).toEqual(
      [],
    );
    return response;
  }

  const TOKEN = '/oauth/access_token';
  const grant = (fields: Record<string, string>) => ({ form: fields });

  it('documents access token answers', async () => {
    const { clientId, clientSecret } = CLIENT;
    const issued = await check(
      'POST',
      TOKEN,
      grant({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      200,
    );
    const token = (issued.body as { access_token: string }).access_token;

    await check('POST', TOKEN, grant({ grant_type: 'implicit', client_id: clientId }), 200);
    await check(
      'POST',
      TOKEN,
      grant({
        grant_type: 'refresh_token',
        client_id: clientId,
        client_secret: clientSecret,
        refresh_token: token,
      }),
      200,
    );
    await check(
      'POST',
      TOKEN,
      grant({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'wrong' }),
      401,
    );
    await check('POST', TOKEN, grant({ client_id: clientId }), 400);
    await check('POST', TOKEN, grant({ grant_type: 'password', client_id: clientId }), 400);
    await check('POST', TOKEN, { json: { grant_type: 'implicit', client_id: clientId } }, 400);
  });

  it('documents legacy answers', async () => {
    sandbox.state.setProfile('legacy');

    try {
      await check('POST', TOKEN, grant({ grant_type: 'implicit', client_id: 'unknown' }), 403);
      await check('POST', TOKEN, grant({ client_id: CLIENT.clientId }), 400);
    } finally {
      sandbox.state.setProfile('current');
    }
  });

  it('documents rate limit answer', async () => {
    sandbox.state.setRateLimit({ requestsPerSecond: 1 });

    try {
      const form = grant({ grant_type: 'implicit', client_id: 'rate-limited-client' });
      let last = await send('POST', TOKEN, form);
      for (let attempt = 0; attempt < 5 && last.status !== 429; attempt += 1) {
        last = await send('POST', TOKEN, form);
      }

      expect(last.status).toBe(429);
      expect(validate(TOKEN, 'post', 429, last.body)).toEqual([]);
    } finally {
      sandbox.state.setRateLimit(undefined);
    }
  });

  it('documents customer answers', async () => {
    const cc = await send(
      'POST',
      TOKEN,
      grant({
        grant_type: 'client_credentials',
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
      }),
    );
    const bearer = (cc.body as { access_token: string }).access_token;
    const login = (data: Record<string, string>) => ({
      bearer,
      json: { data: { type: 'token', ...data } },
    });
    const path = '/v2/customers/tokens';

    await check('POST', path, login({ email: CUSTOMER.email, password: CUSTOMER.password }), 200);
    await check('POST', path, login({ email: CUSTOMER.email, password: 'wrong' }), 401);
    await check('POST', path, login({ password: CUSTOMER.password }), 422);
    await check('POST', path, { json: { data: { type: 'token' } } }, 401);
    await check('POST', path, { ...login({}), bearer: 'f'.repeat(40) }, 401);
    await check('POST', path, { bearer, form: { email: CUSTOMER.email } }, 415);

    const created = await check(
      'POST',
      '/v2/customers',
      {
        bearer,
        json: {
          data: {
            type: 'customer',
            name: 'New One',
            email: 'new@example.com',
            password: 'pw-123456',
          },
        },
      },
      201,
    );
    const id = (created.body as { data: { id: string } }).data.id;

    await check('GET', `/v2/customers/${id}`, { bearer }, 200, '/v2/customers/{customerId}');
    await check('DELETE', `/v2/customers/${id}`, { bearer }, 204, '/v2/customers/{customerId}');
    await check('GET', `/v2/customers/${id}`, { bearer }, 404, '/v2/customers/{customerId}');
  });

  it('rejects undocumented status', () => {
    expect(validate(TOKEN, 'post', 418, {})).toEqual([
      'POST /oauth/access_token does not document status 418',
    ]);
  });

  it('rejects wrong token_type', () => {
    const body = {
      access_token: 'a'.repeat(40),
      token_type: 'bearer',
      expires_in: 3600,
      expires: 1,
      identifier: 'implicit',
    };

    expect(validate(TOKEN, 'post', 200, body).length).toBeGreaterThan(0);
  });
});
