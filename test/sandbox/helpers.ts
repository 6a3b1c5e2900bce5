import {
  SANDBOX_DEFAULTS,
  type Sandbox,
  type SandboxOptions,
  startSandbox,
} from '../../src/sandbox/index.js';

const open: Sandbox[] = [];

/** Starts a sandbox that `closeAll` stops after the test. */
export async function start(options?: SandboxOptions): Promise<Sandbox> {
  const sandbox = await startSandbox(options);
  open.push(sandbox);
  return sandbox;
}

export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((sandbox) => sandbox.close()));
}

/** Creates a clock that moves only on `advance`, starting at 2026-01-01T00:00:00.250Z. */
export function fakeClock(startMs = Date.UTC(2026, 0, 1) + 250) {
  let now = startMs;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

export function postForm(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, { method: 'POST', body: new URLSearchParams(fields), headers });
}

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export const CLIENT_CREDENTIALS = {
  grant_type: 'client_credentials',
  client_id: SANDBOX_DEFAULTS.clientId,
  client_secret: SANDBOX_DEFAULTS.clientSecret,
};

export const IMPLICIT = { grant_type: 'implicit', client_id: SANDBOX_DEFAULTS.clientId };

/** Issues an access token with the seeded client and returns the token string. */
export async function accessToken(
  sandbox: Sandbox,
  grant: 'client_credentials' | 'implicit' = 'client_credentials',
): Promise<string> {
  const fields = grant === 'implicit' ? IMPLICIT : CLIENT_CREDENTIALS;
  const response = await postForm(`${sandbox.url}/oauth/access_token`, fields);
  if (response.status !== 200) throw new Error(`token request failed with ${response.status}`);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Logs in with the customer token endpoint. */
export function customerLogin(
  sandbox: Sandbox,
  token: string,
  email: string = SANDBOX_DEFAULTS.customer.email,
  password: string = SANDBOX_DEFAULTS.customer.password,
): Promise<Response> {
  const data = { type: 'token', email, password, authentication_mechanism: 'password' };
  return postJson(`${sandbox.url}/v2/customers/tokens`, { data }, bearer(token));
}

/** Parses a response body as JSON, failing the test with the raw text when it is not. */
export async function jsonOf<T = Record<string, unknown>>(response: Response): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`expected a JSON body, got: ${text.slice(0, 200)}`);
  }
}

export interface ErrorBody {
  errors: Array<{ status?: number | string; title: string; detail?: string }>;
}
