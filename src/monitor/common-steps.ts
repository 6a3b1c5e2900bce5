import type { AccessToken, ApiResponse, CustomerToken } from '../client/index.js';
import { accessTokenChecks, customerTokenChecks, OPERATIONS } from './checks.js';
import type { MonitorContext } from './definition.js';

/** Runs the `issue` step with the `client_credentials` grant and its token checks. */
export function issueClientCredentials(context: MonitorContext): Promise<ApiResponse<AccessToken>> {
  const { client, credentials, step } = context;
  const { clientId, clientSecret } = credentials;

  return step(
    'issue',
    OPERATIONS.accessToken,
    () => client.clientCredentials({ clientId, clientSecret }),
    accessTokenChecks('client_credentials'),
  );
}

/** Runs the `issue` step with the `implicit` grant and its token checks. */
export function issueImplicit(context: MonitorContext): Promise<ApiResponse<AccessToken>> {
  const { client, credentials, step } = context;

  return step(
    'issue',
    OPERATIONS.accessToken,
    () => client.implicit({ clientId: credentials.clientId }),
    accessTokenChecks('implicit'),
  );
}

/** Runs the `login` step: a customer token for the configured customer, with its JWT checks. */
export function loginCustomer(
  context: MonitorContext,
  accessToken: string,
): Promise<ApiResponse<CustomerToken>> {
  const { client, credentials, step } = context;

  return step(
    'login',
    OPERATIONS.customerToken,
    () =>
      client.customerToken({
        accessToken,
        email: credentials.customerEmail,
        password: credentials.customerPassword,
      }),
    customerTokenChecks(),
  );
}
