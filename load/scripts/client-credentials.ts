// k6 entry point for the client-credentials journey. Bundle it with `token-harness load` (or
// esbuild) and run the bundle from load/dist. The settings come from environment values only.
import { createClientCredentialsJourney } from '../journeys/client-credentials.js';
import { buildOptions } from '../lib/options.js';
import { readSettings } from '../lib/settings.js';
import { createHandleSummary } from '../lib/summary/handle-summary.js';

const settings = readSettings(__ENV, 'client-credentials');

export const options = buildOptions(settings);

export default createClientCredentialsJourney(settings);

export const handleSummary = createHandleSummary(settings);
