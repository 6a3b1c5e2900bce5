import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type onSendHookHandler } from 'fastify';
import type { LoggerOptions } from 'pino';
import { badInputServerOptions, handleBadInput } from './bad-input.js';
import { injectFaults, isAdminPath } from './fault-hook.js';
import { sandboxServerFactory } from './http-server.js';
import { type ResolvedOptions, resolveOptions } from './options.js';
import { allowsAnyOrigin } from './raw-responses.js';
import { registerAccessTokenRoutes } from './routes/access-token.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerCustomerTokenRoutes } from './routes/customer-tokens.js';
import { registerCustomerRoutes } from './routes/customers.js';
import { SandboxState } from './state.js';
import { parseForm } from './token-form.js';
import type { Sandbox, SandboxOptions } from './types.js';

/** Request parts that carry credentials, censored if a custom serializer logs them. */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-moltin-customer-token"]',
  'req.body',
  'req.query',
];

/** Logs the path without the query string, where a careless client may put credentials. */
function serializeRequest(request: { method: string; url: string; ip?: string }) {
  return { method: request.method, url: request.url.split('?')[0], remoteAddress: request.ip };
}

function loggerOptions(logger: boolean | LoggerOptions): false | LoggerOptions {
  if (logger === false) return false;

  const custom = logger === true ? {} : logger;
  const customPaths = Array.isArray(custom.redact) ? custom.redact : (custom.redact?.paths ?? []);
  return {
    ...custom,
    serializers: { req: serializeRequest, ...custom.serializers },
    redact: { paths: [...REDACT_PATHS, ...customPaths], censor: '[redacted]' },
  };
}

/** Adds the request id, and CORS where `allowsAnyOrigin`, to every response outside admin. */
function addApiHeaders(state: SandboxState): onSendHookHandler {
  return (request, reply, payload, done) => {
    if (!isAdminPath(request.url)) {
      reply.header('x-moltin-request-id', request.id);
      if (allowsAnyOrigin(state, reply.statusCode)) {
        reply.header('access-control-allow-origin', '*');
      }
    }
    done(null, payload);
  };
}

function buildApp(state: SandboxState, options: Readonly<ResolvedOptions>, closing: AbortSignal) {
  // The fast path writes no request log, so it stays off while fastify logs requests.
  const fastPath = options.logger === false;
  const app = Fastify({
    serverFactory: sandboxServerFactory(state, {
      bodyLimitBytes: options.bodyLimitBytes,
      fastPath,
      closing,
    }),
    bodyLimit: options.bodyLimitBytes,
    requestTimeout: options.requestTimeoutMs,
    // Destroys open sockets on close, so hanging requests end promptly.
    forceCloseConnections: true,
    genReqId: () => state.requestIds.next(),
    logger: loggerOptions(options.logger) as boolean,
    ...badInputServerOptions(state),
  });

  // Only form and JSON bodies reach routes, so everything else gets 415.
  app.removeContentTypeParser('text/plain');
  app.register(formbody, { parser: parseForm });

  app.addHook('onRequest', injectFaults(state, closing));
  app.addHook('onSend', addApiHeaders(state));

  handleBadInput(app, state, options.bodyLimitBytes);
  registerAccessTokenRoutes(app, state);
  registerCustomerTokenRoutes(app, state);
  registerCustomerRoutes(app, state);
  registerAdminRoutes(app, state);
  return app;
}

function baseUrl(app: FastifyInstance): { url: string; port: number } {
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${host}:${address.port}`, port: address.port };
}

/**
 * Starts the sandbox and resolves once it listens. Throws `SandboxOptionsError` listing every
 * invalid option.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const resolved = resolveOptions(options);
  const state = new SandboxState(resolved);
  const closing = new AbortController();
  // Every delayed or hanging request adds one listener for the close, so any number may be
  // waiting at once. Each listener is removed when its delay ends.
  setMaxListeners(0, closing.signal);
  const app = buildApp(state, resolved, closing.signal);

  await app.listen({ host: resolved.host, port: resolved.port });
  const pruneTimer = setInterval(() => state.pruneExpired(), resolved.pruneIntervalMs);
  pruneTimer.unref();

  return {
    ...baseUrl(app),
    state,
    async close() {
      clearInterval(pruneTimer);
      closing.abort();
      await app.close();
    },
  };
}
