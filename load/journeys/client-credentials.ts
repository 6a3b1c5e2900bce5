import type { LoadSettings } from '../lib/settings.js';
import { issueClientCredentials, stepContext } from './steps.js';

/** Issues one `client_credentials` token per iteration. */
export function createClientCredentialsJourney(
  settings: LoadSettings,
  now: () => number = () => Date.now(),
): () => void {
  const context = stepContext(settings, now);
  return () => {
    issueClientCredentials(context);
  };
}
