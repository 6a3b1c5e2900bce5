import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { readBody } from '../../../src/sandbox/body-reader.js';
import { createTokenFastPath } from '../../../src/sandbox/fast-path.js';
import { SANDBOX_DEFAULTS, SandboxState } from '../../../src/sandbox/index.js';
import { resolveOptions } from '../../../src/sandbox/options.js';
import { writeJson } from '../../../src/sandbox/raw-responses.js';
import { judgeAccessTokenRequest } from '../../../src/sandbox/routes/access-token-grant.js';
import { parseTokenForm } from '../../../src/sandbox/token-form.js';
import { createBareResponder } from './bare-response.js';
import { listenUntilTerminated } from './listen.js';

// Child entry point: node:http servers that each add one step of the sandbox's token fast
// path to the bare server, so that each step's cost shows separately. The first argument names
// the step, and the second names the file with the bare server's response body. The steps:
//   read       reads the body as text as the fast path does, then responds like the bare server
//   headers    also writes the sandbox's headers, with a new request id, through writeJson
//   issue      also issues and stores a token and builds the JSON body with it
//   judge      also parses the form and checks the grant and client secret
//   fast-path  the sandbox's fast path listener alone, without fastify

const [step = 'read', bodyFile] = process.argv.slice(2);
const body = bodyFile === undefined ? '{}' : readFileSync(bodyFile, 'utf8');
const respondBare = createBareResponder(bodyFile);
const state = new SandboxState(resolveOptions({}));
const fastPath = createTokenFastPath(state, 64 * 1024, new AbortController().signal);
const lifetime = state.accessTokenLifetimeSeconds;

function answer(text: string, response: ServerResponse): void {
  if (step === 'read') {
    respondBare(response);
  } else if (step === 'headers') {
    writeJson(response, state, 200, body);
  } else if (step === 'issue') {
    const now = state.clock.now();
    const kind = 'client_credentials';
    const issued = state.tokens.issueAccessToken(SANDBOX_DEFAULTS.clientId, kind, lifetime, now);
    const fields = `"token_type":"Bearer","expires_in":${lifetime},"expires":${issued.expires}`;
    const json = `{"access_token":"${issued.token}",${fields},"identifier":"${kind}"}`;
    writeJson(response, state, 200, json);
  } else {
    const result = judgeAccessTokenRequest(state, 'form', parseTokenForm(text));
    writeJson(response, state, result.status, result.json);
  }
}

function listener(request: IncomingMessage, response: ServerResponse): void {
  if (step === 'fast-path') {
    if (!fastPath(request, response)) response.writeHead(500).end();
    return;
  }

  readBody(request, response, answer, undefined);
}

const server = http.createServer(listener);
// The bare server's and fastify's keep-alive timeout, so every server sends the same headers.
server.keepAliveTimeout = 72_000;

listenUntilTerminated(server);
