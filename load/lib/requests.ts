import http, { type RefinedResponse } from 'k6/http';
import type { GrantName, StepName } from './catalog.js';
import type { LoadSettings } from './settings.js';

/** The tags every request, check and custom metric sample of one step carries. */
export interface StepTags {
  grant: GrantName;
  step: StepName;
}

export type TextResponse = RefinedResponse<'text'>;

// A 429 is a stated outcome of a rate-limited store, counted by the `rate_limited` metric and
// thresholded there, so it does not count as a failed request in `http_req_failed`.
const EXPECTED_STATUSES = http.expectedStatuses(200, 429);

/** Encodes fields as `application/x-www-form-urlencoded`, in the order given. */
export function formBody(fields: Record<string, string>): string {
  return Object.keys(fields)
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(fields[key] ?? '')}`)
    .join('&');
}

/** Posts a form to `/oauth/access_token`, the only way that endpoint accepts a grant. */
export function postAccessToken(
  settings: LoadSettings,
  fields: Record<string, string>,
  tags: StepTags,
): TextResponse {
  return http.post(`${settings.baseUrl}/oauth/access_token`, formBody(fields), {
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    tags: { name: 'POST /oauth/access_token', grant: tags.grant, step: tags.step },
    timeout: settings.requestTimeout,
    responseCallback: EXPECTED_STATUSES,
    responseType: 'text',
  });
}

/** Exchanges customer credentials for a customer token, authorised by an access token. */
export function postCustomerToken(
  settings: LoadSettings,
  accessToken: string,
  tags: StepTags,
): TextResponse {
  const body = {
    data: {
      type: 'token',
      email: settings.customerEmail,
      password: settings.customerPassword,
      authentication_mechanism: 'password',
    },
  };

  return http.post(`${settings.baseUrl}/v2/customers/tokens`, JSON.stringify(body), {
    headers: {
      Authorization: `Bearer ${accessToken}`,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    },
    tags: { name: 'POST /v2/customers/tokens', grant: tags.grant, step: tags.step },
    timeout: settings.requestTimeout,
    responseCallback: EXPECTED_STATUSES,
    responseType: 'text',
  });
}
