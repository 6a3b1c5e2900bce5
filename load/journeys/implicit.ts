import type { LoadSettings } from '../lib/settings.js';
import { issueImplicit, stepContext } from './steps.js';

/** Issues one `implicit` token per iteration. */
export function createImplicitJourney(
  settings: LoadSettings,
  now: () => number = () => Date.now(),
): () => void {
  const context = stepContext(settings, now);
  return () => {
    issueImplicit(context);
  };
}
