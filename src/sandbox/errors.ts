import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { SandboxState } from './state.js';

/** One entry of a JSON:API `errors` array. */
export interface ApiErrorObject {
  status?: number | string;
  title: string;
  detail?: string;
}

export interface ApiErrorOptions {
  /** Defaults to the HTTP reason phrase of the status. */
  title?: string;
  detail?: string;
  /** Leaves `status` out of the error object, as the API's 422 bodies do. */
  omitStatus?: boolean;
}

/** Fixed titles the API uses where they differ from the HTTP reason phrase. */
export const TITLES = Object.freeze({
  invalidAccessToken: 'Unable to validate access token',
  failedValidation: 'Failed Validation',
});

export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** Builds `{"errors":[...]}` with `status` typed as `errorStatusType` sets. */
export function apiErrorBody(
  state: SandboxState,
  status: number,
  options: ApiErrorOptions = {},
): { errors: ApiErrorObject[] } {
  const statusField = options.omitStatus
    ? {}
    : { status: state.behaviour.errorStatusType === 'string' ? String(status) : status };
  const detailField = options.detail === undefined ? {} : { detail: options.detail };
  const title = options.title ?? reasonPhrase(status);

  return { errors: [{ ...statusField, title, ...detailField }] };
}

/** Sends a JSON:API error. Details are fixed texts that never contain a request value. */
export function sendApiError(
  reply: FastifyReply,
  state: SandboxState,
  status: number,
  options: ApiErrorOptions = {},
): FastifyReply {
  return reply.code(status).send(apiErrorBody(state, status, options));
}

/** Failures of `/oauth/access_token`, whose body shape depends on the profile. */
export type TokenErrorKind = 'credentials' | 'malformed' | 'invalidGrant';

function tokenErrorStatus(state: SandboxState, kind: TokenErrorKind, status?: number): number {
  if (status !== undefined) return status;
  if (kind === 'invalidGrant') return state.behaviour.invalidRefreshTokenStatus;
  if (kind === 'malformed') return 400;

  const profileStatus = state.profile === 'legacy' ? 403 : 401;
  return state.behaviour.wrongCredentialsStatus ?? profileStatus;
}

/** Status and body of an `/oauth/access_token` error, as `sendTokenError` sends them. */
export interface TokenError {
  status: number;
  body: object;
}

/**
 * Builds an `/oauth/access_token` error in the active profile's shape.
 *
 * `current`, from today's OpenAPI spec: bad credentials are `{"errors":[{"status":401,
 * "title":"Unauthorized"}]}` with no detail, and other failures carry a detail naming the field.
 *
 * `legacy`, from 2017 recordings: every failure is the flat `{"status":false,"errors":
 * "<reason phrase>"}`, for example `"Forbidden"` (403) for bad credentials. The recordings
 * show only that case, so malformed requests reuse the same flat shape with their own status
 * (400 `"Bad Request"`) rather than inventing a detail field.
 */
export function tokenError(
  state: SandboxState,
  kind: TokenErrorKind,
  options: { detail?: string; status?: number } = {},
): TokenError {
  const status = tokenErrorStatus(state, kind, options.status);

  if (state.profile === 'legacy') {
    return { status, body: { status: false, errors: reasonPhrase(status) } };
  }

  const detail = kind === 'credentials' ? undefined : options.detail;
  return { status, body: apiErrorBody(state, status, { detail }) };
}

/** Sends an `/oauth/access_token` error in the active profile's shape (see `tokenError`). */
export function sendTokenError(
  reply: FastifyReply,
  state: SandboxState,
  kind: TokenErrorKind,
  options: { detail?: string; status?: number } = {},
): FastifyReply {
  const { status, body } = tokenError(state, kind, options);
  return reply.code(status).send(body);
}
