import { customerChecks, OPERATIONS } from '../src/monitor/checks.js';
import { issueImplicit, loginCustomer } from '../src/monitor/common-steps.js';
import { defineMonitor } from '../src/monitor/definition.js';

/**
 * Proves that issued tokens are accepted where they are needed: the implicit token and the
 * customer token together read the customer, as a storefront's account page does.
 */
export default defineMonitor({
  name: 'token-accepted',
  description: 'read the logged-in customer with the implicit and customer tokens',
  schedule: 'every5Minutes',
  budget: { degradedMs: 1000, failedMs: 4000 },
  labels: { endpoint: '/v2/customers/{customerId}', grant: 'implicit' },

  async run(context) {
    const { client, step } = context;

    const issued = await issueImplicit(context);
    const accessToken = issued.body.access_token;

    const login = await loginCustomer(context, accessToken);
    const customerId = login.body.customer_id;

    await step(
      'read',
      OPERATIONS.getCustomer(customerId),
      () => client.getCustomer({ accessToken, id: customerId, customerToken: login.body.token }),
      customerChecks(customerId),
    );
  },
});
