import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';

// Child entry point: fastify with @fastify/formbody and one token route that returns a fresh
// 40-hex token, to split the sandbox's cost into what fastify costs and what the sandbox adds.
// Mode `plain` has nothing else. Mode `extras` adds what the sandbox does on every request:
// random UUID request ids, an async onRequest hook, an async onSend hook setting two headers,
// and an HMAC of the client secret.

const extras = process.argv[2] === 'extras';
const key = randomBytes(32);
const app = Fastify({ logger: false, ...(extras ? { genReqId: () => randomUUID() } : {}) });
app.register(formbody);

if (extras) {
  app.addHook('onRequest', async () => {});
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-moltin-request-id', request.id);
    reply.header('access-control-allow-origin', '*');
  });
}

app.post('/oauth/access_token', async (request) => {
  if (extras) {
    const secret = String((request.body as Record<string, unknown>).client_secret);
    createHmac('sha256', key).update(secret).digest();
  }

  return {
    access_token: randomBytes(20).toString('hex'),
    token_type: 'Bearer',
    expires_in: 3600,
    expires: Math.floor(Date.now() / 1000) + 3600,
    identifier: 'client_credentials',
  };
});

await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${(app.server.address() as AddressInfo).port}\n`);

process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
