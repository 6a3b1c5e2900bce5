import { accessTokenChecks, customerTokenChecks, OPERATIONS } from '../src/monitor/checks.js';
import { defineMonitor } from '../src/monitor/definition.js';

/**
 * Logs a customer in the way a storefront does: an `implicit` token, which needs no secret,
 * then a customer token for the customer's email and password.
 */
export default defineMonitor({
  name: 'implicit',
  description: 'issue an implicit token and log the customer in with it',
  schedule: 'everyMinute',
  budget: { degradedMs: 800, failedMs: 3000 },
  labels: { endpoint: '/oauth/access_token', grant: 'implicit' },

  async run({ client, credentials, step }) {
    const issued = await step(
      'issue',
      OPERATIONS.accessToken,
      () => client.implicit({ clientId: credentials.clientId }),
      accessTokenChecks('implicit'),
    );

    await step(
      'login',
      OPERATIONS.customerToken,
      () =>
        client.customerToken({
          accessToken: issued.body.access_token,
          email: credentials.customerEmail,
          password: credentials.customerPassword,
        }),
      customerTokenChecks(),
    );
  },
});
