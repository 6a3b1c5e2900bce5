import { apiErrorBody, type TokenErrorKind, tokenError } from '../errors.js';
import type { SandboxState } from '../state.js';
import type { AccessTokenKind } from '../token-store.js';
import type { BodyKind } from './body.js';

/** Parsed form fields; a repeated field is an array. */
export type FormFields = Record<string, string | string[] | undefined>;

/**
 * Status and JSON text of an `/oauth/access_token` response. The headers every route adds
 * (content type, request id, CORS) come from the caller.
 */
export interface TokenResponse {
  status: number;
  json: string;
}

/** A grant that passed its checks: the kind of token to issue and the `identifier` to report. */
interface Grant {
  clientId: string;
  kind: AccessTokenKind;
  identifier: string;
}

function isResponse(value: object): value is TokenResponse {
  return 'json' in value;
}

function reject(
  state: SandboxState,
  kind: TokenErrorKind,
  options?: { detail?: string; status?: number },
): TokenResponse {
  const { status, body } = tokenError(state, kind, options);
  return { status, json: JSON.stringify(body) };
}

/** Reads a required form field. A repeated field is an error rather than a silent pick. */
function requireField(
  state: SandboxState,
  fields: FormFields,
  name: string,
): string | TokenResponse {
  const value = fields[name];
  if (typeof value === 'string' && value !== '') return value;

  const reason = Array.isArray(value) ? 'must be given only once' : 'is required';
  return reject(state, 'malformed', { detail: `The ${name} field ${reason}.` });
}

/** Checks the grant's own fields: the secret, and the refresh token for a refresh. */
function checkGrant(
  state: SandboxState,
  fields: FormFields,
  grantType: string,
  clientId: string,
): Grant | TokenResponse {
  if (grantType === 'implicit') {
    if (state.clients.has(clientId)) return { clientId, kind: 'implicit', identifier: 'implicit' };
    return reject(state, 'credentials');
  }

  const secret = requireField(state, fields, 'client_secret');
  if (typeof secret !== 'string') return secret;
  if (!state.clients.verify(clientId, secret)) return reject(state, 'credentials');
  if (grantType === 'client_credentials') {
    return { clientId, kind: 'client_credentials', identifier: 'client_credentials' };
  }

  const refreshToken = requireField(state, fields, 'refresh_token');
  if (typeof refreshToken !== 'string') return refreshToken;
  const earlier = state.tokens.findAccessToken(refreshToken, state.clock.now());
  if (earlier === undefined || earlier.clientId !== clientId) {
    const detail = 'The refresh_token is unknown, expired or was issued to another client.';
    return reject(state, 'invalidGrant', { detail });
  }

  // A refreshed token keeps the privileges of the token it replaces.
  return { clientId, kind: earlier.kind, identifier: state.behaviour.refreshIdentifier };
}

const GRANTS: readonly string[] = ['client_credentials', 'implicit'];
const GRANTS_WITH_REFRESH: readonly string[] = [...GRANTS, 'refresh_token'];

function supportedGrants(state: SandboxState): readonly string[] {
  return state.behaviour.refreshGrant ? GRANTS_WITH_REFRESH : GRANTS;
}

/** `identifier` values as JSON text, so that the common ones are encoded once. */
const IDENTIFIER_JSON = new Map<string, string>([
  ['client_credentials', '"client_credentials"'],
  ['implicit', '"implicit"'],
]);

function identifierJson(identifier: string): string {
  return IDENTIFIER_JSON.get(identifier) ?? JSON.stringify(identifier);
}

/** Issues the token and writes the body as `JSON.stringify` would, without building an object. */
function issue(state: SandboxState, grant: Grant, nowMs: number): TokenResponse {
  if (state.behaviour.revokeEarlierTokensOnIssue) {
    state.tokens.revokeClientAccessTokens(grant.clientId);
  }
  const lifetime = state.accessTokenLifetimeSeconds;
  const issued = state.tokens.issueAccessToken(grant.clientId, grant.kind, lifetime, nowMs);
  const identifier = identifierJson(grant.identifier);

  return {
    status: 200,
    json:
      `{"access_token":"${issued.token}","token_type":"Bearer","expires_in":${lifetime},` +
      `"expires":${issued.expires},"identifier":${identifier}}`,
  };
}

/**
 * Decides an `/oauth/access_token` request from its body's media type and form fields, and
 * issues the token when the request is valid. Both the fastify route and the server's fast
 * path call it, so the two send the same status and body.
 */
export function judgeAccessTokenRequest(
  state: SandboxState,
  kind: BodyKind,
  fields: FormFields,
): TokenResponse {
  if (kind === 'json') {
    const detail = 'Send the body as application/x-www-form-urlencoded.';
    return reject(state, 'malformed', { status: state.behaviour.jsonBodyStatus, detail });
  }

  const grants = supportedGrants(state);
  const grantType = requireField(state, fields, 'grant_type');
  if (typeof grantType !== 'string') return grantType;
  if (!grants.includes(grantType)) {
    return reject(state, 'malformed', {
      detail: `The grant_type field must be one of ${grants.join(', ')}.`,
    });
  }

  const clientId = requireField(state, fields, 'client_id');
  if (typeof clientId !== 'string') return clientId;
  const now = state.clock.now();
  if (!state.rateLimiter.allow(clientId, now)) {
    return { status: 429, json: JSON.stringify(apiErrorBody(state, 429)) };
  }

  const grant = checkGrant(state, fields, grantType, clientId);
  if (isResponse(grant)) return grant;
  return issue(state, grant, now);
}
