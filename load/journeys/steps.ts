import { type IssuedToken, type OutcomeContext, recordOutcome } from '../lib/outcome.js';
import { postAccessToken, postCustomerToken, type TextResponse } from '../lib/requests.js';
import type { LoadSettings } from '../lib/settings.js';
import {
  accessTokenChecks,
  customerTokenChecks,
  readAccessToken,
  readCustomerToken,
} from '../lib/token-checks.js';

/** Inputs shared by every step. `now` returns epoch milliseconds. */
export interface StepContext extends OutcomeContext {
  settings: LoadSettings;
  now: () => number;
}

export function stepContext(settings: LoadSettings, now: () => number): StepContext {
  return { settings, now, abortOnFailure: settings.scenario === 'smoke' };
}

export function issueClientCredentials(context: StepContext): IssuedToken | undefined {
  const { settings } = context;
  const tags = { grant: 'client_credentials', step: 'issue_client_credentials' } as const;
  const response = postAccessToken(
    settings,
    {
      grant_type: 'client_credentials',
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
    },
    tags,
  );
  return recordOutcome(response, tags, accessTokenChecks(context.now), readAccessToken, context);
}

export function issueImplicit(context: StepContext): IssuedToken | undefined {
  const tags = { grant: 'implicit', step: 'issue_implicit' } as const;
  const response = postAccessToken(
    context.settings,
    { grant_type: 'implicit', client_id: context.settings.clientId },
    tags,
  );
  return recordOutcome(response, tags, accessTokenChecks(context.now), readAccessToken, context);
}

/** Sends the earlier access token as `refresh_token`, as the token endpoint expects. */
export function refreshAccessToken(
  context: StepContext,
  earlier: IssuedToken,
): IssuedToken | undefined {
  const { settings } = context;
  const tags = { grant: 'refresh_token', step: 'refresh_token' } as const;
  const response = postAccessToken(
    settings,
    {
      grant_type: 'refresh_token',
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      refresh_token: earlier.token,
    },
    tags,
  );
  return recordOutcome(response, tags, accessTokenChecks(context.now), readAccessToken, context);
}

/** Logs the customer in; the raw response is returned too so callers can react to a 401. */
export function requestCustomerToken(
  context: StepContext,
  accessToken: IssuedToken,
): { response: TextResponse; token: IssuedToken | undefined } {
  const tags = { grant: 'password', step: 'customer_token' } as const;
  const response = postCustomerToken(context.settings, accessToken.token, tags);
  const token = recordOutcome(
    response,
    tags,
    customerTokenChecks(context.now),
    readCustomerToken,
    context,
  );
  return { response, token };
}
