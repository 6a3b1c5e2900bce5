import { issueClientCredentials } from '../src/monitor/common-steps.js';
import { defineMonitor } from '../src/monitor/definition.js';

/** Issues a `client_credentials` token, the grant every back-end integration starts with. */
export default defineMonitor({
  name: 'client-credentials',
  description: 'issue a client_credentials access token',
  schedule: 'everyMinute',
  budget: { degradedMs: 800, failedMs: 3000 },
  labels: { endpoint: '/oauth/access_token', grant: 'client_credentials' },

  async run(context) {
    await issueClientCredentials(context);
  },
});
