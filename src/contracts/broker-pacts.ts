import { request } from 'undici';
import { type BrokerConfig, brokerHeaders, type VersionInfo } from './broker.js';
import type { PactDocument } from './pact-files.js';

type Links = Record<string, { href?: string } | undefined>;

/** A pact the broker selected for verification, downloaded with the links to report on it. */
export interface BrokerPact {
  /** Reason the broker selected it, such as `latest from main branch`. */
  shortDescription: string;
  /** The pact without its HAL `_links`, ready to write to a file the verifier reads. */
  document: PactDocument;
  links: Links;
}

/** The outcome of verifying one broker pact, in the shape the broker stores. */
export interface VerificationResult {
  success: boolean;
  /** Each verified interaction that carries a broker id. Interactions left out are absent. */
  testResults: { interactionId: string; interactionDescription?: string; success: boolean }[];
}

/**
 * Selects pacts through the broker's `pb:provider-pacts-for-verification` relation (a POST
 * with the consumer version selectors and the provider branch, as the Pact verifier sends it),
 * then downloads each one.
 */
export async function fetchPactsForVerification(
  broker: BrokerConfig,
  provider: string,
  selectors: readonly object[],
  version: VersionInfo,
): Promise<BrokerPact[]> {
  const index = await sendJson(broker, 'GET', `${broker.baseUrl}/`);
  const href = linkHref(halLinks(index), 'pb:provider-pacts-for-verification', { provider });
  const selection = (await sendJson(broker, 'POST', href, {
    includePendingStatus: false,
    consumerVersionSelectors: selectors,
    providerVersionBranch: version.branch,
  })) as { _embedded?: { pacts?: { shortDescription?: string; _links?: Links }[] } };
  const pacts: BrokerPact[] = [];

  for (const selected of selection._embedded?.pacts ?? []) {
    const url = selected._links?.self?.href;

    if (url === undefined) {
      throw new Error('the Pact Broker listed a pact for verification without a self link');
    }

    const { _links, ...document } = (await sendJson(broker, 'GET', url)) as { _links?: Links };
    pacts.push({
      shortDescription: selected.shortDescription ?? url,
      document,
      links: _links ?? {},
    });
  }

  return pacts;
}

/**
 * Records the provider version on its branch (`pb:branch-version` of the pact's `pb:provider`),
 * then posts the result to the pact's `pb:publish-verification-results` link. The body carries
 * only flags, the version and interaction ids, never mismatch text, because actual responses
 * from a live provider can contain real tokens.
 */
export async function publishVerificationResult(
  broker: BrokerConfig,
  pact: BrokerPact,
  version: VersionInfo,
  result: VerificationResult,
): Promise<void> {
  const provider = await sendJson(broker, 'GET', linkHref(pact.links, 'pb:provider'));
  const branchVersion = linkHref(halLinks(provider), 'pb:branch-version', {
    branch: version.branch,
    version: version.version,
  });

  await sendJson(broker, 'PUT', branchVersion, {});
  await sendJson(broker, 'POST', linkHref(pact.links, 'pb:publish-verification-results'), {
    success: result.success,
    providerApplicationVersion: version.version,
    testResults: result.testResults,
  });
}

/** Reads a HAL link and fills its `{name}` template variables, percent-encoded. */
function linkHref(links: Links | undefined, relation: string, values: Record<string, string> = {}) {
  const href = links?.[relation]?.href;

  if (href === undefined) {
    throw new Error(`the Pact Broker response has no ${relation} link`);
  }

  return href.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

/** Links of a HAL resource, or none when the body is not an object. */
function halLinks(resource: unknown): Links | undefined {
  return (resource as { _links?: Links } | null)?._links;
}

async function sendJson(
  broker: BrokerConfig,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  body?: unknown,
): Promise<unknown> {
  const response = await request(url, {
    method,
    headers: {
      accept: 'application/hal+json, application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...brokerHeaders(broker),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();

  if (response.statusCode >= 300) {
    throw new Error(
      `${method} ${withoutUserInfo(url)} to the Pact Broker ` +
        `failed with HTTP ${response.statusCode}`,
    );
  }

  return text === '' ? {} : JSON.parse(text);
}

/** The URL without a `user:password@` part, so an error message cannot leak broker credentials. */
function withoutUserInfo(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}
