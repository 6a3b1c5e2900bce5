import type { IssuedToken } from '../lib/outcome.js';
import type { LoadSettings } from '../lib/settings.js';
import { issueImplicit, requestCustomerToken, stepContext } from './steps.js';

/**
 * Logs the customer in once per iteration. Each VU keeps one implicit token, as a storefront
 * does, and renews it `renewMarginSeconds` before its `expires`, or after the customer-token
 * call returned 401 because the API no longer accepted it.
 */
export function createCustomerTokenJourney(
  settings: LoadSettings,
  now: () => number = () => Date.now(),
): () => void {
  const context = stepContext(settings, now);
  let implicit: IssuedToken | undefined;

  return () => {
    const renewAt = implicit === undefined ? 0 : implicit.expires - settings.renewMarginSeconds;
    if (implicit === undefined || now() / 1000 >= renewAt) {
      implicit = issueImplicit(context);
    }
    if (implicit === undefined) {
      return;
    }

    const { response } = requestCustomerToken(context, implicit);
    if (response.status === 401) {
      implicit = undefined;
    }
  };
}
