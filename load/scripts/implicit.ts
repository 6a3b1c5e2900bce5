// k6 entry point for the implicit journey. Bundle it with `token-harness load` (or esbuild)
// and run the bundle from load/dist; the settings come from environment values only.
import { createImplicitJourney } from '../journeys/implicit.js';
import { buildOptions } from '../lib/options.js';
import { readSettings } from '../lib/settings.js';
import { createHandleSummary } from '../lib/summary/handle-summary.js';

const settings = readSettings(__ENV, 'implicit');

export const options = buildOptions(settings);

export default createImplicitJourney(settings);

export const handleSummary = createHandleSummary(settings);
