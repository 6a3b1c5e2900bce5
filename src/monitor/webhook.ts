import { safeOrigin } from './metrics.js';

/** A Slack-compatible incoming-webhook message: `text`, plus the same text as one block. */
export interface WebhookMessage {
  text: string;
  blocks: { type: 'section'; text: { type: 'mrkdwn'; text: string } }[];
}

export function slackMessage(text: string): WebhookMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** The webhook did not accept a message; the URL is left out because it is a secret. */
export class WebhookError extends Error {
  override readonly name = 'WebhookError';

  constructor(
    readonly origin: string,
    readonly status: number | undefined,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
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
    const reason = error instanceof Error ? error.message : String(error);
    throw new WebhookError(origin, undefined, `alert webhook at ${origin} failed: ${reason}`, {
      cause: error,
    });
  }

  // Drain the body so the connection can be reused or closed.
  await response.arrayBuffer().catch(() => undefined);

  if (!response.ok) {
    throw new WebhookError(
      origin,
      response.status,
      `alert webhook at ${origin} returned status ${response.status}`,
    );
  }
}
