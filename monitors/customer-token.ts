import { accessTokenChecks, customerTokenChecks, OPERATIONS } from '../src/monitor/checks.js';
import { defineMonitor } from '../src/monitor/definition.js';

/** Logs the customer in with a `client_credentials` token and checks the JWT's claims. */
export default defineMonitor({
  name: 'customer-token',
  description: 'log the customer in with a client_credentials token and check the JWT',
  schedule: 'every5Minutes',
  budget: { degradedMs: 1000, failedMs: 4000 },
  labels: { endpoint: '/v2/customers/tokens', grant: 'client_credentials' },

  async run({ client, credentials, step }) {
    const { clientId, clientSecret } = credentials;

    const issued = await step(
      'issue',
      OPERATIONS.accessToken,
      () => client.clientCredentials({ clientId, clientSecret }),
      accessTokenChecks('client_credentials'),
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
