import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/sandbox/index.js';
import {
  accessToken,
  bearer,
  closeAll,
  customerLogin,
  type ErrorBody,
  fakeClock,
  jsonOf,
  postJson,
  start,
} from './helpers.js';

afterEach(closeAll);

const SIGNING_KEY = 'test-signing-key-0123456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface TokenData {
  data: { type: string; id: string; customer_id: string; token: string; expires: number };
}

function decodeSegment(segment: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(segment, 'base64').toString('utf8')) as Record<string, unknown>;
}

describe('customer token login', () => {
  it('login returns token data', async () => {
    const sandbox = await start();
    const response = await customerLogin(sandbox, await accessToken(sandbox));
    const { data } = await jsonOf<TokenData>(response);

    expect(response.status).toBe(200);
    expect(data.type).toBe('token');
    expect(data.id).toMatch(UUID);
    expect(data.customer_id).toBe(
      sandbox.state.findCustomerByEmail(SANDBOX_DEFAULTS.customer.email)?.id,
    );
  });

  it('implicit bearer may log in', async () => {
    const sandbox = await start();
    const response = await customerLogin(sandbox, await accessToken(sandbox, 'implicit'));

    expect(response.status).toBe(200);
  });

  it('login without mechanism works', async () => {
    const sandbox = await start();
    const { email, password } = SANDBOX_DEFAULTS.customer;
    const body = { data: { type: 'token', email, password } };
    const response = await postJson(
      `${sandbox.url}/v2/customers/tokens`,
      body,
      bearer(await accessToken(sandbox)),
    );

    expect(response.status).toBe(200);
  });

  it('email matches regardless of case', async () => {
    const sandbox = await start();
    const email = SANDBOX_DEFAULTS.customer.email.toUpperCase();
    const response = await customerLogin(sandbox, await accessToken(sandbox), email);

    expect(response.status).toBe(200);
  });

  it('caseInsensitiveEmail false is exact', async () => {
    const sandbox = await start({ behaviour: { caseInsensitiveEmail: false } });
    const email = SANDBOX_DEFAULTS.customer.email.toUpperCase();
    const response = await customerLogin(sandbox, await accessToken(sandbox), email);

    expect(response.status).toBe(401);
  });
});

describe('customer token JWT', () => {
  it('claims match the data', async () => {
    const clock = fakeClock(1_767_225_600_700);
    const sandbox = await start({ clock });
    const { data } = await jsonOf<TokenData>(
      await customerLogin(sandbox, await accessToken(sandbox)),
    );
    const claims = decodeSegment(data.token.split('.')[1] ?? '');

    expect(claims.sub).toBe(data.customer_id);
    expect(claims.name).toBe(SANDBOX_DEFAULTS.customer.name);
    expect(claims.iat).toBe(1_767_225_600);
    expect(claims.exp).toBe(1_767_225_600 + 86_400);
    expect(claims.exp).toBe(data.expires);
    expect(claims.jti).toBe(data.id);
  });

  it('header is HS256', async () => {
    const sandbox = await start();
    const { data } = await jsonOf<TokenData>(
      await customerLogin(sandbox, await accessToken(sandbox)),
    );

    expect(decodeSegment(data.token.split('.')[0] ?? '')).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('signature verifies with the key', async () => {
    const sandbox = await start({ customerTokenSigningKey: SIGNING_KEY });
    const { data } = await jsonOf<TokenData>(
      await customerLogin(sandbox, await accessToken(sandbox)),
    );
    const [header, payload, signature] = data.token.split('.');
    const expected = createHmac('sha256', SIGNING_KEY)
      .update(`${header}.${payload}`)
      .digest('base64');

    expect(signature).toBe(expected);
  });

  it('segments are padded base64 by default', async () => {
    const sandbox = await start({ customerTokenSigningKey: SIGNING_KEY });
    const { data } = await jsonOf<TokenData>(
      await customerLogin(sandbox, await accessToken(sandbox)),
    );
    const [header] = data.token.split('.');

    expect(header).toBe(Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64'));
    expect(data.token).toMatch(/^[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
  });

  it('base64url setting drops padding', async () => {
    const sandbox = await start({
      customerTokenSigningKey: SIGNING_KEY,
      behaviour: { jwtSegmentEncoding: 'base64url' },
    });
    const { data } = await jsonOf<TokenData>(
      await customerLogin(sandbox, await accessToken(sandbox)),
    );
    const [header, payload, signature] = data.token.split('.');
    const expected = createHmac('sha256', SIGNING_KEY)
      .update(`${header}.${payload}`)
      .digest('base64url');

    expect(data.token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(signature).toBe(expected);
  });

  it('lifetime follows the option', async () => {
    const clock = fakeClock(1_767_225_600_000);
    const sandbox = await start({ clock, customerTokenLifetimeSeconds: 60 });
    const { data } = await jsonOf<TokenData>(
      await customerLogin(sandbox, await accessToken(sandbox)),
    );

    expect(data.expires).toBe(1_767_225_660);
  });
});

describe('customer token bearer', () => {
  const INVALID = { errors: [{ status: 401, title: 'Unable to validate access token' }] };

  it('missing bearer is 401', async () => {
    const sandbox = await start();
    const response = await postJson(`${sandbox.url}/v2/customers/tokens`, {});

    expect(response.status).toBe(401);
    expect(await jsonOf(response)).toEqual(INVALID);
  });

  it('unknown bearer is 401', async () => {
    const sandbox = await start();
    const response = await customerLogin(sandbox, 'a'.repeat(40));

    expect(response.status).toBe(401);
    expect(await jsonOf(response)).toEqual(INVALID);
  });

  it('expired bearer is 401', async () => {
    const clock = fakeClock();
    const sandbox = await start({ clock, accessTokenLifetimeSeconds: 2 });
    const token = await accessToken(sandbox);
    clock.advance(2_000);

    const response = await customerLogin(sandbox, token);
    expect(response.status).toBe(401);
  });

  it('bearer valid until the last second', async () => {
    const clock = fakeClock(1_767_225_600_000);
    const sandbox = await start({ clock, accessTokenLifetimeSeconds: 2 });
    const token = await accessToken(sandbox);
    clock.advance(1_999);

    expect((await customerLogin(sandbox, token)).status).toBe(200);
  });

  it('colon after Bearer is accepted', async () => {
    const sandbox = await start();
    const token = await accessToken(sandbox);
    const { email, password } = SANDBOX_DEFAULTS.customer;
    const body = { data: { type: 'token', email, password } };
    const response = await postJson(`${sandbox.url}/v2/customers/tokens`, body, {
      authorization: `Bearer: ${token}`,
    });

    expect(response.status).toBe(200);
  });

  it('lenientBearerColon false rejects colon', async () => {
    const sandbox = await start({ behaviour: { lenientBearerColon: false } });
    const token = await accessToken(sandbox);
    const response = await postJson(
      `${sandbox.url}/v2/customers/tokens`,
      {},
      {
        authorization: `Bearer: ${token}`,
      },
    );

    expect(response.status).toBe(401);
  });
});

describe('customer token validation', () => {
  async function login(data: unknown, settings = {}) {
    const sandbox = await start({ behaviour: settings });
    const token = await accessToken(sandbox);
    const response = await postJson(`${sandbox.url}/v2/customers/tokens`, { data }, bearer(token));
    return { response, body: await jsonOf<ErrorBody>(response) };
  }

  it('missing email is 422', async () => {
    const { response, body } = await login({ type: 'token', password: 'x' });

    expect(response.status).toBe(422);
    expect(body).toEqual({
      errors: [{ title: 'Failed Validation', detail: 'The data.email field is required.' }],
    });
  });

  it('missing password is 422', async () => {
    const { response, body } = await login({ type: 'token', email: 'a@b.test' });

    expect(response.status).toBe(422);
    expect(body.errors[0]?.detail).toBe('The data.password field is required.');
  });

  it('missing type is 422', async () => {
    const { response, body } = await login({ email: 'a@b.test', password: 'x' });

    expect(response.status).toBe(422);
    expect(body.errors[0]?.detail).toBe('The data.type field is required.');
  });

  it('wrong type is 422', async () => {
    const { body } = await login({ type: 'customer', email: 'a@b.test', password: 'x' });

    expect(body.errors[0]?.detail).toBe('The data.type field must be "token".');
  });

  it('oidc mechanism is 422', async () => {
    const data = {
      type: 'token',
      authentication_mechanism: 'oidc',
      email: 'a@b.test',
      password: 'x',
    };
    const { response } = await login(data);

    expect(response.status).toBe(422);
  });

  it('missingFieldStatus sets the status', async () => {
    const { response } = await login({ type: 'token', password: 'x' }, { missingFieldStatus: 400 });

    expect(response.status).toBe(400);
  });

  it('form body is 415', async () => {
    const sandbox = await start();
    const token = await accessToken(sandbox);
    const response = await fetch(`${sandbox.url}/v2/customers/tokens`, {
      method: 'POST',
      headers: bearer(token),
      body: new URLSearchParams({ email: 'a@b.test' }),
    });

    expect(response.status).toBe(415);
  });
});

describe('customer token failures', () => {
  it('wrong password is 401 with detail', async () => {
    const sandbox = await start();
    const response = await customerLogin(
      sandbox,
      await accessToken(sandbox),
      undefined,
      'nope-nope',
    );
    const body = await jsonOf<ErrorBody>(response);

    expect(response.status).toBe(401);
    expect(body.errors[0]?.title).toBe('Unauthorized');
    expect(body.errors[0]?.detail).toBe('The email or password is incorrect.');
  });

  it('unknown email is 401', async () => {
    const sandbox = await start();
    const response = await customerLogin(
      sandbox,
      await accessToken(sandbox),
      'nobody@sandbox.test',
    );

    expect(response.status).toBe(401);
  });

  it('customerLoginFailureStatus sets the status', async () => {
    const sandbox = await start({ behaviour: { customerLoginFailureStatus: 403 } });
    const response = await customerLogin(
      sandbox,
      await accessToken(sandbox),
      undefined,
      'nope-nope',
    );
    const body = await jsonOf<ErrorBody>(response);

    expect(response.status).toBe(403);
    expect(body.errors[0]?.title).toBe('Forbidden');
  });
});
