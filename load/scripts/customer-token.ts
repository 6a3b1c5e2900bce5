// k6 entry point for the customer-token journey. Bundle it with `token-harness load` (or esbuild)
// and run the bundle from load/dist; the settings come from environment values only.
import { createCustomerTokenJourney } from '../journeys/customer-token.js';
import { buildOptions } from '../lib/options.js';
import { readSettings } from '../lib/settings.js';
import { createHandleSummary } from '../lib/summary/handle-summary.js';

const settings = readSettings(__ENV, 'customer-token');

export const options = buildOptions(settings);

export default createCustomerTokenJourney(settings);

export const handleSummary = createHandleSummary(settings);
