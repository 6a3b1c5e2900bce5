import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendApiError, TITLES } from './errors.js';
import type { SandboxState } from './state.js';
import type { AccessTokenRecord } from './token-store.js';

const STRICT_BEARER = /^Bearer\s+(\S+)\s*$/i;
/** Also reads `Bearer: <token>`, which the official JavaScript SDK sent for years. */
const LENIENT_BEARER = /^Bearer(?::\s*|\s+)(\S+)\s*$/i;

/** Extracts the token from an `Authorization` header value, or returns `undefined`. */
export function parseBearer(header: string | undefined, lenientColon: boolean): string | undefined {
  if (header === undefined) return undefined;
  const match = (lenientColon ? LENIENT_BEARER : STRICT_BEARER).exec(header);
  return match?.[1];
}

const authenticated = new WeakMap<FastifyRequest, AccessTokenRecord>();

/**
 * Builds an `onRequest` hook for `/v2` routes: it rejects a missing, unknown or expired
 * bearer token with 401 and a client over its rate limit with 429, before the body is read.
 */
export function requireAccessToken(state: SandboxState) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = parseBearer(request.headers.authorization, state.behaviour.lenientBearerColon);
    const now = state.clock.now();
    const record = token === undefined ? undefined : state.tokens.findAccessToken(token, now);

    if (record === undefined) {
      return sendApiError(reply, state, 401, { title: TITLES.invalidAccessToken });
    }
    if (!state.rateLimiter.allow(record.clientId, now)) {
      return sendApiError(reply, state, 429);
    }

    authenticated.set(request, record);
  };
}

/** Returns the access token that `requireAccessToken` accepted for this request. */
export function accessTokenOf(request: FastifyRequest): AccessTokenRecord {
  const record = authenticated.get(request);
  if (record === undefined) {
    throw new Error('route is missing the requireAccessToken hook');
  }
  return record;
}
