import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accessTokenOf, requireAccessToken } from '../bearer.js';
import { DuplicateEmailError, type NewCustomer } from '../customer-store.js';
import { sendApiError } from '../errors.js';
import { verifyJwt } from '../jwt.js';
import type { SandboxState } from '../state.js';
import { FieldProblem, optionalString, readData, requiredString } from './body.js';
import { allowMethods } from './methods.js';
import { rejectFormBody, sendFieldProblem } from './problems.js';

export const CUSTOMERS_PATH = '/v2/customers';
const CUSTOMER_PATH = '/v2/customers/:id';

/** A deliberately loose check: one `@` with text on both sides and no spaces. */
const EMAIL = /^[^@\s]+@[^@\s]+$/;

type IdParams = { Params: { id: string } };

function readNewCustomer(body: unknown): NewCustomer | FieldProblem {
  const data = readData(body, 'customer');
  if (data instanceof FieldProblem) return data;

  const name = requiredString(data, 'name');
  if (name instanceof FieldProblem) return name;
  const email = requiredString(data, 'email');
  if (email instanceof FieldProblem) return email;
  if (!EMAIL.test(email)) return new FieldProblem('The data.email field must be a valid email.');
  const password = optionalString(data, 'password');
  if (password instanceof FieldProblem) return password;

  return { name, email, ...(password === undefined ? {} : { password }) };
}

/**
 * Sends 403 unless the request carries a `client_credentials` token, which creating and deleting
 * customers need. Returns true when it sent the error.
 */
function rejectImplicit(request: FastifyRequest, reply: FastifyReply, state: SandboxState) {
  if (accessTokenOf(request).kind === 'client_credentials') return false;
  sendApiError(reply, state, 403, { detail: 'This operation needs a client_credentials token.' });
  return true;
}

async function createCustomer(request: FastifyRequest, reply: FastifyReply, state: SandboxState) {
  if (rejectImplicit(request, reply, state)) return reply;
  if (rejectFormBody(request, reply, state)) return reply;

  const customer = readNewCustomer(request.body);
  if (customer instanceof FieldProblem) return sendFieldProblem(reply, state, customer);

  try {
    return reply.code(201).send({ data: state.createCustomer(customer) });
  } catch (error) {
    if (!(error instanceof DuplicateEmailError)) throw error;
    const detail = 'A customer with this email already exists.';
    return sendApiError(reply, state, state.behaviour.duplicateEmailStatus, { detail });
  }
}

/** Returns the id of the customer whose live `X-Moltin-Customer-Token` came with the request. */
function customerIdFromToken(request: FastifyRequest, state: SandboxState): string | undefined {
  const header = request.headers['x-moltin-customer-token'];
  if (typeof header !== 'string') return undefined;

  const claims = verifyJwt(header.trim(), state.signingKey);
  if (claims === undefined) return undefined;
  const record = state.tokens.findCustomerToken(claims.jti, state.clock.now());
  return record?.customerId === claims.sub ? record.customerId : undefined;
}

/**
 * Reads a customer. A `client_credentials` token reads any customer. An implicit token reads
 * only the customer whose customer token comes with it: 401 without a live customer token,
 * and 403 with another customer's, so an implicit caller cannot probe which ids exist.
 */
async function readCustomer(
  request: FastifyRequest<IdParams>,
  reply: FastifyReply,
  state: SandboxState,
) {
  const { id } = request.params;

  if (accessTokenOf(request).kind === 'implicit') {
    const customerId = customerIdFromToken(request, state);
    if (customerId === undefined) {
      const detail = 'An implicit token needs a valid X-Moltin-Customer-Token for this call.';
      return sendApiError(reply, state, 401, { detail });
    }
    if (customerId !== id) {
      return sendApiError(reply, state, 403, {
        detail: 'The customer token is for another customer.',
      });
    }
  }

  const customer = state.customers.get(id);
  if (customer === undefined) return sendCustomerNotFound(reply, state);
  return reply.code(200).send({ data: customer });
}

async function deleteCustomer(
  request: FastifyRequest<IdParams>,
  reply: FastifyReply,
  state: SandboxState,
) {
  if (rejectImplicit(request, reply, state)) return reply;
  if (!state.deleteCustomer(request.params.id)) return sendCustomerNotFound(reply, state);
  return reply.code(204).send();
}

function sendCustomerNotFound(reply: FastifyReply, state: SandboxState): FastifyReply {
  return sendApiError(reply, state, 404, { detail: 'No customer has this id.' });
}

/** Registers `POST /v2/customers` and `GET`/`DELETE /v2/customers/:id`. */
export function registerCustomerRoutes(app: FastifyInstance, state: SandboxState): void {
  const onRequest = requireAccessToken(state);

  app.post(CUSTOMERS_PATH, { onRequest }, (request, reply) =>
    createCustomer(request, reply, state),
  );
  allowMethods(app, state, CUSTOMERS_PATH, ['POST']);

  app.get<IdParams>(CUSTOMER_PATH, { onRequest }, (request, reply) =>
    readCustomer(request, reply, state),
  );
  app.delete<IdParams>(CUSTOMER_PATH, { onRequest }, (request, reply) =>
    deleteCustomer(request, reply, state),
  );
  allowMethods(app, state, CUSTOMER_PATH, ['GET', 'DELETE']);
}
