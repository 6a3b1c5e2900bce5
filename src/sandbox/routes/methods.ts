import type { FastifyInstance, HTTPMethods } from 'fastify';
import { sendApiError } from '../errors.js';
import type { SandboxState } from '../state.js';

const ALL_METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Headers a browser may send on `/v2` calls, listed in CORS preflight responses. */
const PREFLIGHT_HEADERS = 'Authorization, Content-Type, X-Moltin-Customer-Token';

/**
 * Registers the methods a path does not serve: `OPTIONS` replies to a CORS preflight with 204,
 * and every other method gets 405 with an `Allow` header, because fastify alone would send 404.
 */
export function allowMethods(
  app: FastifyInstance,
  state: SandboxState,
  url: string,
  allowed: HTTPMethods[],
): void {
  // fastify adds HEAD itself for every GET route.
  const served = allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed;
  const allowHeader = [...served, 'OPTIONS'].join(', ');
  const rejected = ALL_METHODS.filter((method) => !served.includes(method) && method !== 'OPTIONS');

  app.route({
    method: rejected,
    url,
    handler: async (_request, reply) => {
      reply.header('allow', allowHeader);
      const detail = `This path accepts ${allowed.join(', ')}.`;
      return sendApiError(reply, state, 405, { detail });
    },
  });

  app.options(url, async (_request, reply) => {
    return reply
      .code(204)
      .header('allow', allowHeader)
      .header('access-control-allow-methods', allowHeader)
      .header('access-control-allow-headers', PREFLIGHT_HEADERS)
      .header('access-control-max-age', '600')
      .send();
  });
}
