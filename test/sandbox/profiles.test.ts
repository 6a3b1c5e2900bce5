import { afterEach, describe, expect, it } from 'vitest';
import {
  CLIENT_CREDENTIALS,
  closeAll,
  type ErrorBody,
  jsonOf,
  postForm,
  postJson,
  start,
} from './helpers.js';

afterEach(closeAll);

const WRONG_SECRET = { ...CLIENT_CREDENTIALS, client_secret: 'wrong-secret-value' };

async function tokenRequest(url: string, fields: Record<string, string>) {
  const response = await postForm(`${url}/oauth/access_token`, fields);
  return { response, body: await jsonOf(response) };
}

describe('current profile', () => {
  it('bad secret is exact 401 body', async () => {
    const sandbox = await start();
    const { response, body } = await tokenRequest(sandbox.url, WRONG_SECRET);

    expect(response.status).toBe(401);
    expect(body).toEqual({ errors: [{ status: 401, title: 'Unauthorized' }] });
  });

  it('unknown client is 401', async () => {
    const sandbox = await start();
    const { response } = await tokenRequest(sandbox.url, { ...CLIENT_CREDENTIALS, client_id: 'x' });

    expect(response.status).toBe(401);
  });

  it('missing grant_type names the field', async () => {
    const sandbox = await start();
    const { grant_type: _omitted, ...fields } = CLIENT_CREDENTIALS;
    const { response, body } = await tokenRequest(sandbox.url, fields);

    expect(response.status).toBe(400);
    expect(body).toEqual({
      errors: [{ status: 400, title: 'Bad Request', detail: 'The grant_type field is required.' }],
    });
  });

  it('unsupported grant_type names the field', async () => {
    const sandbox = await start();
    const { response, body } = await tokenRequest(sandbox.url, {
      ...CLIENT_CREDENTIALS,
      grant_type: 'password',
    });

    expect(response.status).toBe(400);
    expect((body as unknown as ErrorBody).errors[0]?.detail).toMatch(
      /^The grant_type field must be one of/,
    );
  });

  it('missing client_id names the field', async () => {
    const sandbox = await start();
    const { response, body } = await tokenRequest(sandbox.url, { grant_type: 'implicit' });

    expect(response.status).toBe(400);
    expect((body as unknown as ErrorBody).errors[0]?.detail).toBe(
      'The client_id field is required.',
    );
  });

  it('missing client_secret names the field', async () => {
    const sandbox = await start();
    const { client_secret: _omitted, ...fields } = CLIENT_CREDENTIALS;
    const { response, body } = await tokenRequest(sandbox.url, fields);

    expect(response.status).toBe(400);
    expect((body as unknown as ErrorBody).errors[0]?.detail).toBe(
      'The client_secret field is required.',
    );
  });

  it('errors lack CORS header by default', async () => {
    const sandbox = await start();
    const { response } = await tokenRequest(sandbox.url, WRONG_SECRET);

    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('legacy profile', () => {
  it('bad secret is 403 flat body', async () => {
    const sandbox = await start({ profile: 'legacy' });
    const { response, body } = await tokenRequest(sandbox.url, WRONG_SECRET);

    expect(response.status).toBe(403);
    expect(body).toEqual({ status: false, errors: 'Forbidden' });
  });

  it('bad secret has no CORS header', async () => {
    const sandbox = await start({ profile: 'legacy' });
    const { response } = await tokenRequest(sandbox.url, WRONG_SECRET);

    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('malformed request is 400 flat body', async () => {
    const sandbox = await start({ profile: 'legacy' });
    const { response, body } = await tokenRequest(sandbox.url, { client_id: 'x' });

    expect(response.status).toBe(400);
    expect(body).toEqual({ status: false, errors: 'Bad Request' });
  });

  it('success is unchanged', async () => {
    const sandbox = await start({ profile: 'legacy' });
    const { response, body } = await tokenRequest(sandbox.url, CLIENT_CREDENTIALS);

    expect(response.status).toBe(200);
    expect(body.token_type).toBe('Bearer');
  });

  it('setProfile switches at run time', async () => {
    const sandbox = await start();
    sandbox.state.setProfile('legacy');

    const { response } = await tokenRequest(sandbox.url, WRONG_SECRET);
    expect(response.status).toBe(403);
  });
});

describe('profile settings', () => {
  it('wrongCredentialsStatus overrides current', async () => {
    const sandbox = await start({ behaviour: { wrongCredentialsStatus: 400 } });
    const { response, body } = await tokenRequest(sandbox.url, WRONG_SECRET);

    expect(response.status).toBe(400);
    expect(body).toEqual({ errors: [{ status: 400, title: 'Bad Request' }] });
  });

  it('wrongCredentialsStatus overrides legacy', async () => {
    const sandbox = await start({ profile: 'legacy', behaviour: { wrongCredentialsStatus: 401 } });
    const { response, body } = await tokenRequest(sandbox.url, WRONG_SECRET);

    expect(response.status).toBe(401);
    expect(body).toEqual({ status: false, errors: 'Unauthorized' });
  });

  it('errorStatusType string quotes status', async () => {
    const sandbox = await start({ behaviour: { errorStatusType: 'string' } });
    const { body } = await tokenRequest(sandbox.url, WRONG_SECRET);

    expect(body).toEqual({ errors: [{ status: '401', title: 'Unauthorized' }] });
  });

  it('corsOnErrors adds the header', async () => {
    const sandbox = await start({ behaviour: { corsOnErrors: true } });
    const { response } = await tokenRequest(sandbox.url, WRONG_SECRET);

    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('JSON body is 400 by default', async () => {
    const sandbox = await start();
    const response = await postJson(`${sandbox.url}/oauth/access_token`, CLIENT_CREDENTIALS);
    const body = await jsonOf<ErrorBody>(response);

    expect(response.status).toBe(400);
    expect(body.errors[0]?.detail).toMatch(/x-www-form-urlencoded/);
  });

  it('jsonBodyStatus sets the status', async () => {
    const sandbox = await start({ behaviour: { jsonBodyStatus: 415 } });
    const response = await postJson(`${sandbox.url}/oauth/access_token`, CLIENT_CREDENTIALS);

    expect(response.status).toBe(415);
  });

  it('invalid JSON on token path uses jsonBodyStatus', async () => {
    const sandbox = await start({ behaviour: { jsonBodyStatus: 422 } });
    const response = await fetch(`${sandbox.url}/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":',
    });

    expect(response.status).toBe(422);
  });

  it('JSON body in legacy is flat', async () => {
    const sandbox = await start({ profile: 'legacy' });
    const response = await postJson(`${sandbox.url}/oauth/access_token`, CLIENT_CREDENTIALS);

    expect(await jsonOf(response)).toEqual({ status: false, errors: 'Bad Request' });
  });
});
