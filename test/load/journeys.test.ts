import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createClientCredentialsJourney } from '../../load/journeys/client-credentials.js';
import { createCustomerTokenJourney } from '../../load/journeys/customer-token.js';
import { createImplicitJourney } from '../../load/journeys/implicit.js';
import { createRefreshJourney } from '../../load/journeys/refresh.js';
import { settingsFor } from './env-fixture.js';
import { type FakeReply, fake, type RecordedRequest, TestAborted } from './fake-k6.js';

vi.mock('k6', async () => (await import('./fake-k6.js')).k6Module);
vi.mock('k6/http', async () => (await import('./fake-k6.js')).httpModule);
vi.mock('k6/metrics', async () => (await import('./fake-k6.js')).metricsModule);
vi.mock('k6/execution', async () => (await import('./fake-k6.js')).executionModule);

const NOW_MS = 1_700_000_000_000;
const clock = { ms: NOW_MS, now: () => clock.ms };

function tokenBody(token: string, expiresIn = 3600): string {
  const expires = Math.floor(clock.ms / 1000) + expiresIn;
  return JSON.stringify({
    access_token: token,
    token_type: 'Bearer',
    expires_in: expiresIn,
    expires,
    identifier: 'client_credentials',
  });
}

function customerBody(): string {
  const expires = Math.floor(clock.ms / 1000) + 86_400;
  return JSON.stringify({
    data: { type: 'token', id: 'id-1', customer_id: 'cust-1', token: 'jwt.customer', expires },
  });
}

const ERROR_BODY = JSON.stringify({ errors: [{ status: 401, title: 'Unauthorized' }] });

function replyAll(reply: FakeReply): void {
  fake.reply = () => reply;
}

function form(request: RecordedRequest | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request?.body ?? ''));
}

beforeEach(() => {
  fake.reset();
  clock.ms = NOW_MS;
});

describe('client-credentials journey', () => {
  const iterate = () =>
    createClientCredentialsJourney(settingsFor('client-credentials'), clock.now)();

  it('sends a well-formed form post', () => {
    replyAll({ status: 200, body: tokenBody('abc') });
    iterate();

    const [request] = fake.requests;
    expect(fake.requests).toHaveLength(1);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('http://api.fake.invalid/oauth/access_token');
    expect(request?.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(form(request)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'client-load',
      client_secret: 'secret value&with=symbols',
    });
  });

  it('tags requests with grant and step', () => {
    replyAll({ status: 200, body: tokenBody('abc') });
    iterate();

    const tags = fake.requests[0]?.tags;
    expect(tags?.grant).toBe('client_credentials');
    expect(tags?.step).toBe('issue_client_credentials');
    expect(tags?.name).toBe('POST /oauth/access_token');
  });

  it('expects 200 and 429 only', () => {
    replyAll({ status: 200, body: tokenBody('abc') });
    iterate();

    expect(fake.requests[0]?.responseCallback).toEqual({ expectedStatuses: [200, 429] });
  });

  it('counts a 200 as an issued token', () => {
    replyAll({ status: 200, body: tokenBody('abc'), durationMs: 33 });
    iterate();

    expect(fake.checks.every((check) => check.passed)).toBe(true);
    expect(fake.checks.length).toBe(4);
    expect(fake.values('tokens_issued')).toEqual([1]);
    expect(fake.values('issue_client_credentials_duration')).toEqual([33]);
    expect(fake.values('rate_limited')).toEqual([0]);
    expect(fake.values('server_errors')).toEqual([0]);
    expect(fake.values('checks_run')).toEqual([4]);
  });

  it('fails checks on a 401', () => {
    replyAll({ status: 401, body: ERROR_BODY });
    iterate();

    const status = fake.checks.find((check) => check.name.endsWith('status is 200'));
    expect(status?.passed).toBe(false);
    expect(fake.values('tokens_issued')).toEqual([]);
    expect(fake.values('issue_client_credentials_duration')).toEqual([]);
    expect(fake.values('rate_limited')).toEqual([0]);
    expect(fake.values('server_errors')).toEqual([0]);
  });

  it('counts a 429 as rate limited only', () => {
    replyAll({ status: 429, body: '{"errors":[{"status":429,"title":"Too Many Requests"}]}' });
    iterate();

    expect(fake.values('rate_limited')).toEqual([1]);
    expect(fake.values('server_errors')).toEqual([0]);
    expect(fake.checks).toEqual([]);
    expect(fake.values('tokens_issued')).toEqual([]);
    expect(fake.values('checks_run')).toEqual([]);
  });

  it('counts a 503 as a server error', () => {
    replyAll({ status: 503, body: 'unavailable' });
    iterate();

    expect(fake.values('server_errors')).toEqual([1]);
    expect(fake.values('rate_limited')).toEqual([0]);
    expect(fake.checks.some((check) => !check.passed)).toBe(true);
    expect(fake.values('tokens_issued')).toEqual([]);
  });

  it('fails the body checks on a malformed 200', () => {
    replyAll({ status: 200, body: '{"access_token":"","token_type":"bearer","expires":1}' });
    iterate();

    const failed = fake.checks.filter((check) => !check.passed).map((check) => check.name);
    expect(failed).toEqual([
      'issue_client_credentials: access_token is present',
      'issue_client_credentials: token_type is Bearer',
      'issue_client_credentials: expires is in the future',
    ]);
    expect(fake.values('tokens_issued')).toEqual([]);
  });

  it('fails checks on a transport error', () => {
    replyAll({ status: 0 });
    iterate();

    expect(fake.checks.some((check) => !check.passed)).toBe(true);
    expect(fake.values('server_errors')).toEqual([0]);
  });

  it('aborts a smoke run at a failure', () => {
    const settings = settingsFor('client-credentials', { LOAD_SCENARIO: 'smoke' });
    replyAll({ status: 401, body: ERROR_BODY });

    expect(() => createClientCredentialsJourney(settings, clock.now)()).toThrow(TestAborted);
    expect(fake.aborts).toEqual(['issue_client_credentials failed with status 401']);
  });

  it('keeps a throughput run going at a failure', () => {
    replyAll({ status: 401, body: ERROR_BODY });
    iterate();

    expect(fake.aborts).toEqual([]);
  });
});

describe('implicit journey', () => {
  it('sends only the client id', () => {
    replyAll({ status: 200, body: tokenBody('imp') });
    createImplicitJourney(settingsFor('implicit'), clock.now)();

    expect(form(fake.requests[0])).toEqual({ grant_type: 'implicit', client_id: 'client-load' });
    expect(fake.requests[0]?.tags.grant).toBe('implicit');
    expect(fake.requests[0]?.tags.step).toBe('issue_implicit');
  });

  it('records an implicit 200', () => {
    replyAll({ status: 200, body: tokenBody('imp'), durationMs: 7 });
    createImplicitJourney(settingsFor('implicit'), clock.now)();

    expect(fake.values('issue_implicit_duration')).toEqual([7]);
    expect(fake.values('tokens_issued', { grant: 'implicit' })).toEqual([1]);
  });

  it('records an implicit 429', () => {
    replyAll({ status: 429, body: '{}' });
    createImplicitJourney(settingsFor('implicit'), clock.now)();

    expect(fake.values('rate_limited', { step: 'issue_implicit' })).toEqual([1]);
    expect(fake.checks).toEqual([]);
  });

  it('records an implicit 500', () => {
    replyAll({ status: 500, body: '{}' });
    createImplicitJourney(settingsFor('implicit'), clock.now)();

    expect(fake.values('server_errors', { step: 'issue_implicit' })).toEqual([1]);
  });
});

describe('refresh journey', () => {
  const iterate = () => createRefreshJourney(settingsFor('refresh'), clock.now)();

  it('refreshes with the issued token', () => {
    replyAll({ status: 200, body: tokenBody('first-token') });
    iterate();

    expect(fake.requests).toHaveLength(2);
    expect(form(fake.requests[1])).toEqual({
      grant_type: 'refresh_token',
      client_id: 'client-load',
      client_secret: 'secret value&with=symbols',
      refresh_token: 'first-token',
    });
    expect(fake.requests[1]?.tags.step).toBe('refresh_token');
    expect(fake.requests[1]?.tags.grant).toBe('refresh_token');
  });

  it('skips the refresh after a failed issue', () => {
    replyAll({ status: 401, body: ERROR_BODY });
    iterate();

    expect(fake.requests).toHaveLength(1);
  });

  it('records a refresh 401 against its step', () => {
    fake.reply = (request) =>
      form(request).grant_type === 'refresh_token'
        ? { status: 401, body: ERROR_BODY }
        : { status: 200, body: tokenBody('first-token') };
    iterate();

    const failed = fake.checks.filter((check) => !check.passed);
    expect(failed.map((check) => check.tags.step)).toContain('refresh_token');
    expect(fake.values('tokens_issued', { step: 'refresh_token' })).toEqual([]);
    expect(fake.values('tokens_issued', { step: 'issue_client_credentials' })).toEqual([1]);
  });

  it('records a refresh 429 and 502', () => {
    for (const status of [429, 502]) {
      fake.reset();
      fake.reply = (request) =>
        form(request).grant_type === 'refresh_token'
          ? { status, body: '{}' }
          : { status: 200, body: tokenBody('first-token') };
      iterate();

      expect(fake.values('rate_limited', { step: 'refresh_token' })).toEqual([
        status === 429 ? 1 : 0,
      ]);
      expect(fake.values('server_errors', { step: 'refresh_token' })).toEqual([
        status === 502 ? 1 : 0,
      ]);
    }
  });
});

describe('customer-token journey', () => {
  function replyByPath(customer: FakeReply, implicitExpiresIn = 3600): void {
    fake.reply = (request) =>
      request.url.endsWith('/v2/customers/tokens')
        ? customer
        : { status: 200, body: tokenBody(`implicit-${fake.requests.length}`, implicitExpiresIn) };
  }

  it('posts a well-formed customer login', () => {
    replyByPath({ status: 200, body: customerBody() });
    createCustomerTokenJourney(settingsFor('customer-token'), clock.now)();

    const login = fake.requests[1];
    expect(login?.url).toBe('http://api.fake.invalid/v2/customers/tokens');
    expect(login?.headers.Authorization).toBe('Bearer implicit-1');
    expect(login?.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(login?.body ?? '')).toEqual({
      data: {
        type: 'token',
        email: 'load@example.com',
        password: 'pass word',
        authentication_mechanism: 'password',
      },
    });
    expect(login?.tags.step).toBe('customer_token');
  });

  it('reuses the implicit token per VU', () => {
    replyByPath({ status: 200, body: customerBody() });
    const iterate = createCustomerTokenJourney(settingsFor('customer-token'), clock.now);
    iterate();
    iterate();
    iterate();

    const implicit = fake.requests.filter((request) => request.url.endsWith('/oauth/access_token'));
    expect(implicit).toHaveLength(1);
    expect(fake.values('tokens_issued', { step: 'customer_token' })).toEqual([1, 1, 1]);
  });

  it('renews the implicit token near expiry', () => {
    replyByPath({ status: 200, body: customerBody() }, 120);
    const iterate = createCustomerTokenJourney(settingsFor('customer-token'), clock.now);
    iterate();
    clock.ms += 59_000;
    iterate();
    clock.ms += 2_000;
    iterate();

    const implicit = fake.requests.filter((request) => request.url.endsWith('/oauth/access_token'));
    expect(implicit).toHaveLength(2);
    expect(fake.requests.at(-1)?.headers.Authorization).toBe('Bearer implicit-4');
  });

  it('renews the implicit token after a 401', () => {
    replyByPath({ status: 401, body: ERROR_BODY });
    const iterate = createCustomerTokenJourney(settingsFor('customer-token'), clock.now);
    iterate();
    iterate();

    const implicit = fake.requests.filter((request) => request.url.endsWith('/oauth/access_token'));
    expect(implicit).toHaveLength(2);
    expect(
      fake.checks.some((check) => check.name === 'customer_token: status is 200' && !check.passed),
    ).toBe(true);
  });

  it('keeps the implicit token after a 429', () => {
    replyByPath({ status: 429, body: '{}' });
    const iterate = createCustomerTokenJourney(settingsFor('customer-token'), clock.now);
    iterate();
    iterate();

    const implicit = fake.requests.filter((request) => request.url.endsWith('/oauth/access_token'));
    expect(implicit).toHaveLength(1);
    expect(fake.values('rate_limited', { step: 'customer_token' })).toEqual([1, 1]);
  });

  it('records a customer 5xx as a server error', () => {
    replyByPath({ status: 500, body: '{}' });
    createCustomerTokenJourney(settingsFor('customer-token'), clock.now)();

    expect(fake.values('server_errors', { step: 'customer_token' })).toEqual([1]);
    expect(fake.values('tokens_issued', { step: 'customer_token' })).toEqual([]);
  });

  it('skips the login when the implicit token failed', () => {
    replyAll({ status: 503, body: '{}' });
    createCustomerTokenJourney(settingsFor('customer-token'), clock.now)();

    expect(fake.requests).toHaveLength(1);
  });
});

describe('metric definitions', () => {
  it('defines a time Trend per step', () => {
    const trends = fake.definitions.filter((definition) => definition.type === 'trend');
    expect(trends.map((trend) => trend.name).sort()).toEqual([
      'customer_token_duration',
      'issue_client_credentials_duration',
      'issue_implicit_duration',
      'refresh_token_duration',
    ]);
    expect(trends.every((trend) => trend.isTime)).toBe(true);
  });

  it('defines the 429 Rate and token Counter', () => {
    const byName = Object.fromEntries(
      fake.definitions.map((definition) => [definition.name, definition.type]),
    );
    expect(byName.rate_limited).toBe('rate');
    expect(byName.tokens_issued).toBe('counter');
    expect(byName.checks_run).toBe('counter');
  });
});
