import { issueClientCredentials, loginCustomer } from '../src/monitor/common-steps.js';
import { defineMonitor } from '../src/monitor/definition.js';

/** Logs the customer in with a `client_credentials` token and checks the JWT's claims. */
export default defineMonitor({
  name: 'customer-token',
  description: 'log the customer in with a client_credentials token and check the JWT',
  schedule: 'every5Minutes',
  budget: { degradedMs: 1000, failedMs: 4000 },
  labels: { endpoint: '/v2/customers/tokens', grant: 'client_credentials' },

  async run(context) {
    const issued = await issueClientCredentials(context);
    await loginCustomer(context, issued.body.access_token);
  },
});
