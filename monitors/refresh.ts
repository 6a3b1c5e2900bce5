import { differsFrom } from '../src/monitor/assertion.js';
import { accessTokenChecks, OPERATIONS } from '../src/monitor/checks.js';
import { issueClientCredentials } from '../src/monitor/common-steps.js';
import { defineMonitor } from '../src/monitor/definition.js';

/** Issues a token and exchanges it with `grant_type=refresh_token` for a new one. */
export default defineMonitor({
  name: 'refresh',
  description: 'issue a client_credentials token, then refresh it',
  schedule: 'every5Minutes',
  budget: { degradedMs: 800, failedMs: 3000 },
  labels: { endpoint: '/oauth/access_token', grant: 'refresh_token' },

  async run(context) {
    const { client, credentials, step } = context;
    const { clientId, clientSecret } = credentials;

    const issued = await issueClientCredentials(context);

    const earlier = issued.body.access_token;
    await step(
      'refresh',
      OPERATIONS.accessToken,
      () => client.refresh({ clientId, clientSecret, refreshToken: earlier }),
      [
        ...accessTokenChecks('refresh_token'),
        differsFrom('new access_token', (response) => response.body.access_token, earlier),
      ],
    );
  },
});
