import { Agent, type Dispatcher } from 'undici';
import { createCall } from './call.js';
import { createTimedConnector } from './connector.js';
import { createCustomerCalls } from './customer-calls.js';
import { resolveOptions } from './options.js';
import { createTokenCalls } from './token-calls.js';
import type { ClientOptions, TokenClient } from './types.js';

/**
 * Creates a client for the token and customer endpoints. Raises ConfigurationError for
 * invalid options. Each call resolves with status, headers, validated body and timing, and
 * rejects with ApiError, TransportError, TimeoutError, ResponseShapeError or
 * ResponseTooLargeError.
 */
export function createClient(options: ClientOptions): TokenClient {
  const resolved = resolveOptions(options);
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher: Dispatcher =
    options.dispatcher ?? new Agent({ connect: createTimedConnector(resolved.timeoutMs) });
  const call = createCall(resolved, dispatcher);
  let closing: Promise<void> | undefined;

  return {
    ...createTokenCalls(call),
    ...createCustomerCalls(call),

    close() {
      if (!ownsDispatcher) {
        return Promise.resolve();
      }

      closing ??= dispatcher.close();
      return closing;
    },
  };
}
