import { request } from 'undici';

/** A problem with the options or the connection, as opposed to a contract mismatch. */
export class VerifyUsageError extends Error {
  override readonly name = 'VerifyUsageError';
}

/**
 * Raises a `VerifyUsageError` when no HTTP response arrives from the URL within `timeoutMs`.
 * Any status counts as a response. The message distinguishes a timeout from a refused
 * connection, a connection closed without a response and a host name that does not resolve,
 * because each has a different fix.
 */
export async function checkReachable(url: string, timeoutMs: number): Promise<void> {
  try {
    const response = await request(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
    await response.body.dump();
  } catch (error) {
    throw new VerifyUsageError(describeConnectError(url, timeoutMs, error));
  }
}

/** Formats a failed first request to the provider as one line with the likely fix. */
export function describeConnectError(url: string, timeoutMs: number, error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const code = (error as { code?: unknown } | undefined)?.code;

  if (name === 'TimeoutError') {
    return (
      `provider ${url} timed out: no response within ${timeoutMs} ms (--timeout); check ` +
      'that it is up and serving HTTP, or raise --timeout'
    );
  }

  if (code === 'ECONNREFUSED') {
    return (
      `provider ${url} refused the connection (ECONNREFUSED); ` +
      'check the URL and that the provider is running'
    );
  }

  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `provider ${url}: host name not found (${code}); check the host in --provider-url`;
  }

  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') {
    return (
      `provider ${url} closed the connection without answering (${code}); check that the ` +
      'port serves plain HTTP (use https:// for a TLS port) and that no proxy or firewall ' +
      'drops the connection'
    );
  }

  const reason = error instanceof Error ? error.message : String(error);
  return `provider ${url} is not reachable: ${reason}`;
}
