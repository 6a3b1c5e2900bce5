import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAccessToken } from '../bearer.js';
import { sendApiError } from '../errors.js';
import { signJwt } from '../jwt.js';
import type { SandboxState } from '../state.js';
import { unixSeconds } from '../token-store.js';
import { FieldProblem, optionalString, readData, requiredString } from './body.js';
import { allowMethods } from './methods.js';
import { rejectFormBody, sendFieldProblem } from './problems.js';

export const CUSTOMER_TOKENS_PATH = '/v2/customers/tokens';

interface Login {
  email: string;
  password: string;
}

/** Reads the password login. The OIDC login is not part of what the project pins. */
function readLogin(body: unknown): Login | FieldProblem {
  const data = readData(body, 'token');
  if (data instanceof FieldProblem) return data;

  const mechanism = optionalString(data, 'authentication_mechanism');
  if (mechanism instanceof FieldProblem) return mechanism;
  if (mechanism !== undefined && mechanism !== 'password') {
    return new FieldProblem('The data.authentication_mechanism field must be "password".');
  }

  const email = requiredString(data, 'email');
  if (email instanceof FieldProblem) return email;
  const password = requiredString(data, 'password');
  if (password instanceof FieldProblem) return password;
  return { email, password };
}

async function issueCustomerToken(
  request: FastifyRequest,
  reply: FastifyReply,
  state: SandboxState,
) {
  if (rejectFormBody(request, reply, state)) return reply;

  const login = readLogin(request.body);
  if (login instanceof FieldProblem) return sendFieldProblem(reply, state, login);

  const customer = state.customers.authenticate(login.email, login.password);
  if (customer === undefined) {
    const detail = 'The email or password is incorrect.';
    return sendApiError(reply, state, state.behaviour.customerLoginFailureStatus, { detail });
  }

  const now = state.clock.now();
  const record = state.tokens.issueCustomerToken(
    customer.id,
    state.customerTokenLifetimeSeconds,
    now,
  );
  const claims = {
    sub: customer.id,
    name: customer.name,
    iat: unixSeconds(now),
    exp: record.expires,
    jti: record.id,
  };
  const token = signJwt(claims, state.signingKey, state.behaviour.jwtSegmentEncoding);

  return reply.code(200).send({
    data: {
      type: 'token',
      id: record.id,
      customer_id: customer.id,
      token,
      expires: record.expires,
    },
  });
}

/** Registers `POST /v2/customers/tokens`, the customer password login. */
export function registerCustomerTokenRoutes(app: FastifyInstance, state: SandboxState): void {
  app.post(CUSTOMER_TOKENS_PATH, { onRequest: requireAccessToken(state) }, (request, reply) =>
    issueCustomerToken(request, reply, state),
  );
  allowMethods(app, state, CUSTOMER_TOKENS_PATH, ['POST']);
}
