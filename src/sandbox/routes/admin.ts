import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DuplicateEmailError } from '../customer-store.js';
import { sendApiError } from '../errors.js';
import { ADMIN_PREFIX } from '../fault-hook.js';
import { faultSchema } from '../faults.js';
import { customerSeedSchema, describeIssues, profileSchema } from '../options.js';
import type { SandboxState } from '../state.js';
import { allowMethods } from './methods.js';
import { rejectFormBody } from './problems.js';

const faultsBody = z.object({ faults: z.array(faultSchema) }).strict();
const rateLimitBody = z.object({ requestsPerSecond: z.number().int().min(1).nullable() }).strict();
const profileBody = z.object({ profile: profileSchema }).strict();
const clientBody = z
  .object({ clientId: z.string().min(1), clientSecret: z.string().min(1) })
  .strict();
const emailQuery = z.object({ email: z.string().min(1) });

/**
 * Validates a body or query against `schema`, sending 400 with every problem (`field: reason`,
 * zod's wording names the accepted values) and returning `undefined` when it fails.
 */
function parseInput<T>(
  schema: z.ZodType<T>,
  input: unknown,
  reply: FastifyReply,
  state: SandboxState,
): T | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  sendApiError(reply, state, 400, { detail: describeIssues(parsed.error).join('; ') });
  return undefined;
}

function parseBody<T>(
  schema: z.ZodType<T>,
  request: FastifyRequest,
  reply: FastifyReply,
  state: SandboxState,
) {
  if (rejectFormBody(request, reply, state)) return undefined;
  return parseInput(schema, request.body, reply, state);
}

function registerControlRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get(`${ADMIN_PREFIX}/health`, async () => ({
    status: 'ok',
    profile: state.profile,
    faults: state.faults,
    rateLimit: state.rateLimit ?? null,
    tokens: state.tokenCount(),
    customers: state.customers.count(),
  }));

  app.get(`${ADMIN_PREFIX}/faults`, async () => ({ faults: state.faults }));
  app.put(`${ADMIN_PREFIX}/faults`, async (request, reply) => {
    const body = parseBody(faultsBody, request, reply, state);
    if (body === undefined) return reply;
    state.setFaults(body.faults);
    return { faults: state.faults };
  });
  app.delete(`${ADMIN_PREFIX}/faults`, async () => {
    state.clearFaults();
    return { faults: state.faults };
  });

  app.put(`${ADMIN_PREFIX}/rate-limit`, async (request, reply) => {
    const body = parseBody(rateLimitBody, request, reply, state);
    if (body === undefined) return reply;
    const limit = body.requestsPerSecond;
    state.setRateLimit(limit === null ? undefined : { requestsPerSecond: limit });
    return { rateLimit: state.rateLimit ?? null };
  });

  app.put(`${ADMIN_PREFIX}/profile`, async (request, reply) => {
    const body = parseBody(profileBody, request, reply, state);
    if (body === undefined) return reply;
    state.setProfile(body.profile);
    return { profile: state.profile };
  });

  app.post(`${ADMIN_PREFIX}/reset`, async (_request, reply) => {
    state.reset();
    return reply.code(204).send();
  });
  app.post(`${ADMIN_PREFIX}/prune`, async () => ({ removed: state.pruneExpired() }));
}

function registerDataRoutes(app: FastifyInstance, state: SandboxState): void {
  app.post(`${ADMIN_PREFIX}/clients`, async (request, reply) => {
    const body = parseBody(clientBody, request, reply, state);
    if (body === undefined) return reply;
    state.addClient(body.clientId, body.clientSecret);
    return reply.code(201).send({ clientId: body.clientId });
  });

  app.post(`${ADMIN_PREFIX}/customers`, async (request, reply) => {
    const body = parseBody(customerSeedSchema, request, reply, state);
    if (body === undefined) return reply;
    try {
      return reply.code(201).send({ data: state.createCustomer(body) });
    } catch (error) {
      if (!(error instanceof DuplicateEmailError)) throw error;
      return sendApiError(reply, state, 409, {
        detail: 'A customer with this email already exists.',
      });
    }
  });

  app.get(`${ADMIN_PREFIX}/customers`, async (request, reply) => {
    const query = parseInput(emailQuery, request.query, reply, state);
    if (query === undefined) return reply;
    const customer = state.findCustomerByEmail(query.email);
    if (customer === undefined)
      return sendApiError(reply, state, 404, { detail: 'No customer has this email.' });
    return { data: customer };
  });

  app.delete(`${ADMIN_PREFIX}/customers`, async (request, reply) => {
    const query = parseInput(emailQuery, request.query, reply, state);
    if (query === undefined) return reply;
    if (!state.deleteCustomerByEmail(query.email)) {
      return sendApiError(reply, state, 404, { detail: 'No customer has this email.' });
    }
    return reply.code(204).send();
  });
}

/**
 * Registers the admin API under `/__admin/`: the same control as `SandboxState`, for tests
 * and tools in other processes. Bodies are JSON.
 */
export function registerAdminRoutes(app: FastifyInstance, state: SandboxState): void {
  registerControlRoutes(app, state);
  registerDataRoutes(app, state);

  allowMethods(app, state, `${ADMIN_PREFIX}/health`, ['GET']);
  allowMethods(app, state, `${ADMIN_PREFIX}/faults`, ['GET', 'PUT', 'DELETE']);
  allowMethods(app, state, `${ADMIN_PREFIX}/rate-limit`, ['PUT']);
  allowMethods(app, state, `${ADMIN_PREFIX}/profile`, ['PUT']);
  allowMethods(app, state, `${ADMIN_PREFIX}/reset`, ['POST']);
  allowMethods(app, state, `${ADMIN_PREFIX}/prune`, ['POST']);
  allowMethods(app, state, `${ADMIN_PREFIX}/clients`, ['POST']);
  allowMethods(app, state, `${ADMIN_PREFIX}/customers`, ['GET', 'POST', 'DELETE']);
}
