/**
 * Every behaviour of the token endpoints that no public source shows. The sandbox responds
 * with the defaults below, and each one can be changed per sandbox to test a client against
 * the other plausible responses.
 */
export interface SandboxBehaviour {
  /**
   * Status for an unknown client id or a wrong secret on `/oauth/access_token`. `null` uses
   * the profile's status: 401 for `current`, 403 for `legacy`.
   */
  wrongCredentialsStatus: number | null;
  /** Status for a JSON (instead of form) body on `/oauth/access_token`. */
  jsonBodyStatus: number;
  /** Whether `/oauth/access_token/` works like `/oauth/access_token` instead of giving 404. */
  acceptTrailingSlash: boolean;
  /** Whether `Authorization: Bearer: <token>`, as old SDKs sent it, is accepted. */
  lenientBearerColon: boolean;
  /** Whether the `refresh_token` grant exists, which today's documentation no longer lists. */
  refreshGrant: boolean;
  /** `identifier` of a token issued by the `refresh_token` grant. */
  refreshIdentifier: string;
  /** Status for a refresh token that is unknown, expired or another client's. */
  invalidRefreshTokenStatus: number;
  /** Whether issuing an access token revokes the client's earlier access tokens. */
  revokeEarlierTokensOnIssue: boolean;
  /** Status for a customer login with an unknown email or a wrong password. */
  customerLoginFailureStatus: number;
  /** Status for a missing or invalid field in a `/v2` JSON body. */
  missingFieldStatus: number;
  /** Status for creating a customer with an email that is already taken. */
  duplicateEmailStatus: number;
  /** Encoding of customer token JWT segments: padded base64 as in samples, or base64url. */
  jwtSegmentEncoding: 'base64' | 'base64url';
  /** Type of `status` in JSON:API error objects, because public specs show both. */
  errorStatusType: 'number' | 'string';
  /** Whether error responses carry `Access-Control-Allow-Origin: *` like successes do. */
  corsOnErrors: boolean;
  /** Whether customer emails match regardless of letter case. */
  caseInsensitiveEmail: boolean;
}

export const SANDBOX_BEHAVIOUR_DEFAULTS: Readonly<SandboxBehaviour> = Object.freeze({
  wrongCredentialsStatus: null,
  jsonBodyStatus: 400,
  acceptTrailingSlash: true,
  lenientBearerColon: true,
  refreshGrant: true,
  refreshIdentifier: 'refresh_token',
  // RFC 6749 section 5.2 rejects an invalid grant with 400 `invalid_grant`.
  invalidRefreshTokenStatus: 400,
  revokeEarlierTokensOnIssue: false,
  customerLoginFailureStatus: 401,
  missingFieldStatus: 422,
  duplicateEmailStatus: 409,
  jwtSegmentEncoding: 'base64',
  errorStatusType: 'number',
  // Recordings from 2017 and a public SDK bug report both show errors without the header.
  corsOnErrors: false,
  caseInsensitiveEmail: true,
});
