import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendApiError, sendTokenError } from '../errors.js';
import type { SandboxState } from '../state.js';
import type { AccessTokenKind } from '../token-store.js';
import { bodyKind } from './body.js';
import { allowMethods } from './methods.js';
import { sendNotFound } from './not-found.js';

export const ACCESS_TOKEN_PATH = '/oauth/access_token';

type FormFields = Record<string, string | string[] | undefined>;

/** A grant that passed its checks: the kind of token to issue and the `identifier` to report. */
interface Grant {
  clientId: string;
  kind: AccessTokenKind;
  identifier: string;
}

/** Reads one form field. A repeated field is an error rather than a silent pick. */
function field(fields: FormFields, name: string): string | undefined | 'repeated' {
  const value = fields[name];
  if (Array.isArray(value)) return 'repeated';
  return value === '' ? undefined : value;
}

function requireField(
  reply: FastifyReply,
  state: SandboxState,
  fields: FormFields,
  name: string,
): string | undefined {
  const value = field(fields, name);
  if (value === undefined || value === 'repeated') {
    const reason = value === undefined ? 'is required' : 'must be given only once';
    sendTokenError(reply, state, 'malformed', { detail: `The ${name} field ${reason}.` });
    return undefined;
  }
  return value;
}

/** Checks the grant's own fields. On failure it sends the error and returns `undefined`. */
function checkGrant(
  reply: FastifyReply,
  state: SandboxState,
  fields: FormFields,
  grantType: string,
  clientId: string,
): Grant | undefined {
  if (grantType === 'implicit') {
    if (state.clients.has(clientId)) return { clientId, kind: 'implicit', identifier: 'implicit' };
    sendTokenError(reply, state, 'credentials');
    return undefined;
  }

  const secret = requireField(reply, state, fields, 'client_secret');
  if (secret === undefined) return undefined;
  if (!state.clients.verify(clientId, secret)) {
    sendTokenError(reply, state, 'credentials');
    return undefined;
  }
  if (grantType === 'client_credentials') {
    return { clientId, kind: 'client_credentials', identifier: 'client_credentials' };
  }

  const refreshToken = requireField(reply, state, fields, 'refresh_token');
  if (refreshToken === undefined) return undefined;
  const earlier = state.tokens.findAccessToken(refreshToken, state.clock.now());
  if (earlier === undefined || earlier.clientId !== clientId) {
    const detail = 'The refresh_token is unknown, expired or was issued to another client.';
    sendTokenError(reply, state, 'invalidGrant', { detail });
    return undefined;
  }

  // A refreshed token keeps the privileges of the token it replaces.
  return { clientId, kind: earlier.kind, identifier: state.behaviour.refreshIdentifier };
}

function supportedGrants(state: SandboxState): string[] {
  const grants = ['client_credentials', 'implicit'];
  return state.behaviour.refreshGrant ? [...grants, 'refresh_token'] : grants;
}

async function issueAccessToken(request: FastifyRequest, reply: FastifyReply, state: SandboxState) {
  if (bodyKind(request) === 'json') {
    const detail = 'Send the body as application/x-www-form-urlencoded.';
    return sendTokenError(reply, state, 'malformed', {
      status: state.behaviour.jsonBodyStatus,
      detail,
    });
  }

  const fields = (request.body ?? {}) as FormFields;
  const grants = supportedGrants(state);
  const grantType = requireField(reply, state, fields, 'grant_type');
  if (grantType === undefined) return reply;
  if (!grants.includes(grantType)) {
    const detail = `The grant_type field must be one of ${grants.join(', ')}.`;
    return sendTokenError(reply, state, 'malformed', { detail });
  }

  const clientId = requireField(reply, state, fields, 'client_id');
  if (clientId === undefined) return reply;
  const now = state.clock.now();
  if (!state.rateLimiter.allow(clientId, now)) return sendApiError(reply, state, 429);

  const grant = checkGrant(reply, state, fields, grantType, clientId);
  if (grant === undefined) return reply;

  if (state.behaviour.revokeEarlierTokensOnIssue) state.tokens.revokeClientAccessTokens(clientId);
  const lifetime = state.accessTokenLifetimeSeconds;
  const issued = state.tokens.issueAccessToken(clientId, grant.kind, lifetime, now);

  return reply.code(200).send({
    access_token: issued.token,
    token_type: 'Bearer',
    expires_in: lifetime,
    expires: issued.expires,
    identifier: grant.identifier,
  });
}

/** Registers `POST /oauth/access_token`, and the same with a trailing slash when allowed. */
export function registerAccessTokenRoutes(app: FastifyInstance, state: SandboxState): void {
  app.post(ACCESS_TOKEN_PATH, (request, reply) => issueAccessToken(request, reply, state));
  allowMethods(app, state, ACCESS_TOKEN_PATH, ['POST']);

  app.post(`${ACCESS_TOKEN_PATH}/`, (request, reply) => {
    if (!state.behaviour.acceptTrailingSlash) return sendNotFound(reply, state);
    return issueAccessToken(request, reply, state);
  });
  allowMethods(app, state, `${ACCESS_TOKEN_PATH}/`, ['POST']);
}
