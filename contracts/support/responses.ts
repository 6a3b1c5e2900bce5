import { MatchersV3 } from '@pact-foundation/pact';
import { EXAMPLE } from './examples.js';

const { integer, regex } = MatchersV3;

/** Any JSON media type; pact regexes must match the whole header value. */
export const JSON_CONTENT_TYPE = {
  'Content-Type': regex(/^application\/json(;.*)?$/, 'application/json'),
};

/**
 * An access token: the token text and times vary, while `token_type` and `identifier` are
 * exact because the client relies on them.
 */
export function accessTokenBody(identifier: string) {
  return {
    access_token: regex(/^[0-9a-f]{40}$/, EXAMPLE.accessToken),
    token_type: 'Bearer',
    expires_in: integer(3600),
    expires: integer(EXAMPLE.expires),
    identifier,
  };
}

/**
 * A JSON:API error list with one entry and an exact `title`. The entry's `status` is left out:
 * public specifications show it as a number and as a string, and the client takes the status
 * from the HTTP response instead.
 */
export function errorListBody(title: string) {
  return { errors: [{ title }] };
}
