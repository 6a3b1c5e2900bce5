import { safeOrigin } from './metrics.js';

/** A Slack-compatible incoming-webhook message: `text`, plus the same text as one block. */
export interface WebhookMessage {
  text: string;
  blocks: { type: 'section'; text: { type: 'mrkdwn'; text: string } }[];
}

export function slackMessage(text: string): WebhookMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/**
 * The webhook did not accept a message. The URL's path, query and credentials are secrets, so
 * the error carries only the origin and a code, and keeps no cause: undici's own errors quote
 * the whole URL in their messages.
 */
export class WebhookError extends Error {
  override readonly name = 'WebhookError';

  constructor(
    readonly origin: string,
    /** A Node or undici error code such as ECONNREFUSED, TimeoutError, or HTTP_STATUS. */
    readonly code: string,
    readonly status?: number,
  ) {
    super(
      status === undefined
        ? `alert webhook at ${origin} failed (${code})`
        : `alert webhook at ${origin} returned status ${status}`,
    );
  }
}

/** Finds a code that names a fetch failure without quoting the URL, such as ECONNREFUSED. */
export function transportCode(error: unknown): string {
  const cause = (error as { cause?: unknown } | undefined)?.cause;

  for (const candidate of [cause, error]) {
    const code = (candidate as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && code !== '') {
      return code;
    }
  }

  return error instanceof Error ? error.name : 'UNKNOWN';
}

/** Posts a message as JSON and raises WebhookError unless the receiver returns 2xx. */
export async function postWebhook(
  url: string,
  message: WebhookMessage,
  timeoutMs: number,
): Promise<void> {
  const origin = safeOrigin(url);
  let response: Response;

  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new WebhookError(origin, transportCode(error));
  }

  // Drain the body so the connection can be reused or closed.
  await response.arrayBuffer().catch(() => undefined);

  if (!response.ok) {
    throw new WebhookError(origin, 'HTTP_STATUS', response.status);
  }
}
