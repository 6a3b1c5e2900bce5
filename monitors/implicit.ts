import { issueImplicit, loginCustomer } from '../src/monitor/common-steps.js';
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

  async run(context) {
    const issued = await issueImplicit(context);
    await loginCustomer(context, issued.body.access_token);
  },
});
