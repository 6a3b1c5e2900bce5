import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { JSON_CONTENT_TYPE } from '../raw-responses.js';
import type { SandboxState } from '../state.js';
import { type FormFields, judgeAccessTokenRequest } from './access-token-grant.js';
import { bodyKind } from './body.js';
import { allowMethods } from './methods.js';
import { sendNotFound } from './not-found.js';

export const ACCESS_TOKEN_PATH = '/oauth/access_token';

function issueAccessToken(request: FastifyRequest, reply: FastifyReply, state: SandboxState) {
  const fields = (request.body ?? {}) as FormFields;
  const response = judgeAccessTokenRequest(state, bodyKind(request), fields);
  reply.code(response.status).type(JSON_CONTENT_TYPE).send(response.json);
}

/** Registers `POST /oauth/access_token`, and the same with a trailing slash when allowed. */
export function registerAccessTokenRoutes(app: FastifyInstance, state: SandboxState): void {
  app.post(ACCESS_TOKEN_PATH, (request, reply) => {
    issueAccessToken(request, reply, state);
  });
  allowMethods(app, state, ACCESS_TOKEN_PATH, ['POST']);

  app.post(`${ACCESS_TOKEN_PATH}/`, (request, reply) => {
    if (state.behaviour.acceptTrailingSlash) issueAccessToken(request, reply, state);
    else sendNotFound(reply, state);
  });
  allowMethods(app, state, `${ACCESS_TOKEN_PATH}/`, ['POST']);
}
