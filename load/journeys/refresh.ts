import type { LoadSettings } from '../lib/settings.js';
import { issueClientCredentials, refreshAccessToken, stepContext } from './steps.js';

/** Issues a `client_credentials` token and refreshes it; no refresh when the issue failed. */
export function createRefreshJourney(
  settings: LoadSettings,
  now: () => number = () => Date.now(),
): () => void {
  const context = stepContext(settings, now);
  return () => {
    const issued = issueClientCredentials(context);
    if (issued !== undefined) {
      refreshAccessToken(context, issued);
    }
  };
}
