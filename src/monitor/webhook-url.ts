import { safeOrigin } from './metrics.js';

/**
 * Checks an alert webhook URL and returns a problem, or undefined when it can be used. A
 * problem shows at most the origin, because the path of an incoming webhook is its secret.
 */
export function webhookUrlProblem(name: string, value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return (
      `${name} is not a valid URL; ` +
      'set the full webhook URL, such as https://hooks.slack.com/services/...'
    );
  }

  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `${name} uses ${url.protocol.replace(/:$/, '')}; use an http or https URL`;
  }

  if (url.username !== '' || url.password !== '') {
    return (
      `${name} for ${safeOrigin(value)} contains a user name or password, which fetch rejects; ` +
      'remove them and use the URL the webhook receiver issued'
    );
  }

  return undefined;
}
