import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/sandbox/index.js';
import {
  CLIENT_CREDENTIALS,
  closeAll,
  type ErrorBody,
  fakeClock,
  IMPLICIT,
  jsonOf,
  postForm,
  start,
} from './helpers.js';

afterEach(closeAll);

interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  expires: number;
  identifier: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function issue(url: string, fields: Record<string, string>) {
  const response = await postForm(`${url}/oauth/access_token`, fields);
  return { response, body: await jsonOf<TokenBody & ErrorBody>(response) };
}

describe('access token grants', () => {
  it('client_credentials issues a token', async () => {
    const sandbox = await start();
    const { response, body } = await issue(sandbox.url, CLIENT_CREDENTIALS);

    expect(response.status).toBe(200);
    expect(body.identifier).toBe('client_credentials');
    expect(body.token_type).toBe('Bearer');
  });

  it('implicit needs only client_id', async () => {
    const sandbox = await start();
    const { response, body } = await issue(sandbox.url, IMPLICIT);

    expect(response.status).toBe(200);
    expect(body.identifier).toBe('implicit');
  });

  it('implicit rejects unknown client', async () => {
    const sandbox = await start();
    const { response } = await issue(sandbox.url, { ...IMPLICIT, client_id: 'nobody' });

    expect(response.status).toBe(401);
  });

  it('token format is 40 lowercase hex', async () => {
    const sandbox = await start();
    const first = await issue(sandbox.url, CLIENT_CREDENTIALS);
    const second = await issue(sandbox.url, CLIENT_CREDENTIALS);

    expect(first.body.access_token).toMatch(/^[0-9a-f]{40}$/);
    expect(second.body.access_token).not.toBe(first.body.access_token);
  });

  it('success headers carry JSON, request id and CORS', async () => {
    const sandbox = await start();
    const { response } = await issue(sandbox.url, CLIENT_CREDENTIALS);

    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-moltin-request-id')).toMatch(UUID);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('body is flat with exactly five fields', async () => {
    const sandbox = await start();
    const { body } = await issue(sandbox.url, CLIENT_CREDENTIALS);

    expect(Object.keys(body).sort()).toEqual(
      ['access_token', 'expires', 'expires_in', 'identifier', 'token_type'].sort(),
    );
  });

  it('expires is floor(now/1000) + expires_in', async () => {
    const clock = fakeClock(1_767_225_600_999);
    const sandbox = await start({ clock, accessTokenLifetimeSeconds: 120 });
    const { body } = await issue(sandbox.url, CLIENT_CREDENTIALS);

    expect(body.expires_in).toBe(120);
    expect(body.expires).toBe(1_767_225_600 + 120);
  });

  it('default lifetime is 3600 seconds', async () => {
    const sandbox = await start();
    const { body } = await issue(sandbox.url, CLIENT_CREDENTIALS);

    expect(body.expires_in).toBe(3600);
  });

  it('form with charset parameter works', async () => {
    const sandbox = await start();
    const response = await postForm(`${sandbox.url}/oauth/access_token`, CLIENT_CREDENTIALS, {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    });

    expect(response.status).toBe(200);
  });

  it('added client can authenticate', async () => {
    const sandbox = await start();
    sandbox.state.addClient('second-client', 'second-secret');
    const fields = {
      ...CLIENT_CREDENTIALS,
      client_id: 'second-client',
      client_secret: 'second-secret',
    };

    const { response } = await issue(sandbox.url, fields);
    expect(response.status).toBe(200);
  });

  it('seeded client comes from options', async () => {
    const sandbox = await start({ client: { clientId: 'own-id', clientSecret: 'own-secret' } });
    const own = {
      grant_type: 'client_credentials',
      client_id: 'own-id',
      client_secret: 'own-secret',
    };

    expect((await issue(sandbox.url, own)).response.status).toBe(200);
    expect((await issue(sandbox.url, CLIENT_CREDENTIALS)).response.status).toBe(401);
  });
});

describe('access token refresh', () => {
  function refreshFields(token: string, clientId: string = SANDBOX_DEFAULTS.clientId) {
    return {
      grant_type: 'refresh_token',
      client_id: clientId,
      client_secret:
        clientId === SANDBOX_DEFAULTS.clientId ? SANDBOX_DEFAULTS.clientSecret : 'other-secret',
      refresh_token: token,
    };
  }

  it('refresh issues a token with fresh expires', async () => {
    const clock = fakeClock();
    const sandbox = await start({ clock });
    const first = await issue(sandbox.url, CLIENT_CREDENTIALS);
    clock.advance(10_000);

    const refreshed = await issue(sandbox.url, refreshFields(first.body.access_token));
    expect(refreshed.response.status).toBe(200);
    expect(refreshed.body.expires).toBe(first.body.expires + 10);
    expect(refreshed.body.identifier).toBe('refresh_token');
  });

  it('refresh keeps the earlier token valid', async () => {
    const sandbox = await start();
    const first = await issue(sandbox.url, CLIENT_CREDENTIALS);
    await issue(sandbox.url, refreshFields(first.body.access_token));

    const again = await issue(sandbox.url, refreshFields(first.body.access_token));
    expect(again.response.status).toBe(200);
  });

  it('refresh rejects unknown token', async () => {
    const sandbox = await start();
    const { response, body } = await issue(sandbox.url, refreshFields('f'.repeat(40)));

    expect(response.status).toBe(400);
    expect(body.errors[0]?.detail).toMatch(/refresh_token/);
  });

  it('refresh rejects expired token', async () => {
    const clock = fakeClock();
    const sandbox = await start({ clock, accessTokenLifetimeSeconds: 5 });
    const first = await issue(sandbox.url, CLIENT_CREDENTIALS);
    clock.advance(5_000);

    const { response } = await issue(sandbox.url, refreshFields(first.body.access_token));
    expect(response.status).toBe(400);
  });

  it('refresh rejects another client token', async () => {
    const sandbox = await start();
    sandbox.state.addClient('other-client', 'other-secret');
    const first = await issue(sandbox.url, CLIENT_CREDENTIALS);

    const fields = refreshFields(first.body.access_token, 'other-client');
    const { response } = await issue(sandbox.url, fields);
    expect(response.status).toBe(400);
  });

  it('refresh needs the client secret', async () => {
    const sandbox = await start();
    const first = await issue(sandbox.url, CLIENT_CREDENTIALS);
    const fields = { ...refreshFields(first.body.access_token), client_secret: 'wrong' };

    const { response } = await issue(sandbox.url, fields);
    expect(response.status).toBe(401);
  });

  it('refresh requires refresh_token field', async () => {
    const sandbox = await start();
    const { refresh_token: _omitted, ...fields } = refreshFields('unused');

    const { response, body } = await issue(sandbox.url, fields);
    expect(response.status).toBe(400);
    expect(body.errors[0]?.detail).toBe('The refresh_token field is required.');
  });
});

describe('access token settings', () => {
  it('refreshIdentifier changes identifier', async () => {
    const sandbox = await start({ behaviour: { refreshIdentifier: 'client_credentials' } });
    const first = await issue(sandbox.url, CLIENT_CREDENTIALS);
    const fields = {
      ...CLIENT_CREDENTIALS,
      grant_type: 'refresh_token',
      refresh_token: first.body.access_token,
    };

    const { body } = await issue(sandbox.url, fields);
    expect(body.identifier).toBe('client_credentials');
  });

  it('refreshGrant false rejects the grant', async () => {
    const sandbox = await start({ behaviour: { refreshGrant: false } });
    const first = await issue(sandbox.url, CLIENT_CREDENTIALS);
    const fields = {
      ...CLIENT_CREDENTIALS,
      grant_type: 'refresh_token',
      refresh_token: first.body.access_token,
    };

    const { response, body } = await issue(sandbox.url, fields);
    expect(response.status).toBe(400);
    expect(body.errors[0]?.detail).toMatch(/grant_type/);
  });

  it('invalidRefreshTokenStatus sets the status', async () => {
    const sandbox = await start({ behaviour: { invalidRefreshTokenStatus: 401 } });
    const fields = { ...CLIENT_CREDENTIALS, grant_type: 'refresh_token', refresh_token: 'unknown' };

    const { response } = await issue(sandbox.url, fields);
    expect(response.status).toBe(401);
  });

  it('trailing slash is accepted by default', async () => {
    const sandbox = await start();
    const response = await postForm(`${sandbox.url}/oauth/access_token/`, CLIENT_CREDENTIALS);

    expect(response.status).toBe(200);
  });

  it('trailing slash off gives 404', async () => {
    const sandbox = await start({ behaviour: { acceptTrailingSlash: false } });
    const response = await postForm(`${sandbox.url}/oauth/access_token/`, CLIENT_CREDENTIALS);

    expect(response.status).toBe(404);
    expect((await jsonOf<ErrorBody>(response)).errors[0]?.status).toBe(404);
  });

  it('revokeEarlierTokensOnIssue revokes old tokens', async () => {
    const sandbox = await start({ behaviour: { revokeEarlierTokensOnIssue: true } });
    const first = await issue(sandbox.url, CLIENT_CREDENTIALS);
    await issue(sandbox.url, CLIENT_CREDENTIALS);

    const fields = {
      ...CLIENT_CREDENTIALS,
      grant_type: 'refresh_token',
      refresh_token: first.body.access_token,
    };
    expect((await issue(sandbox.url, fields)).response.status).toBe(400);
  });

  it('earlier tokens stay valid by default', async () => {
    const sandbox = await start();
    const first = await issue(sandbox.url, CLIENT_CREDENTIALS);
    await issue(sandbox.url, CLIENT_CREDENTIALS);

    const fields = {
      ...CLIENT_CREDENTIALS,
      grant_type: 'refresh_token',
      refresh_token: first.body.access_token,
    };
    expect((await issue(sandbox.url, fields)).response.status).toBe(200);
  });
});
