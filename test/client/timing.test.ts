import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTimedConnector } from '../../src/client/connector.js';
import { createClient, type TokenClient } from '../../src/client/index.js';
import {
  accessTokenBody,
  sendJson,
  startServer,
  startTlsServer,
  type TestServer,
} from './servers.js';

let server: TestServer;
const clients: TokenClient[] = [];
const agents: Agent[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
  await server?.close();
});

function tokenApi(_request: unknown, response: ServerResponse): void {
  sendJson(response, 200, accessTokenBody('implicit'));
}

function track(client: TokenClient): TokenClient {
  clients.push(client);
  return client;
}

describe('connection timing', () => {
  it('first call connects', async () => {
    server = await startServer(tokenApi);
    const client = track(createClient({ baseUrl: server.url }));
    const { timing } = await client.implicit({ clientId: 'client-1' });

    expect(timing.reusedConnection).toBe(false);
    expect(timing.connectMs).toBeGreaterThanOrEqual(0);
    expect(timing.firstByteMs).toBeGreaterThanOrEqual(0);
    expect(timing.totalMs).toBeGreaterThanOrEqual(timing.firstByteMs ?? 0);
  });

  it('second call reuses connection', async () => {
    server = await startServer(tokenApi);
    const client = track(createClient({ baseUrl: server.url }));
    await client.implicit({ clientId: 'client-1' });
    const { timing } = await client.implicit({ clientId: 'client-1' });

    expect(timing.reusedConnection).toBe(true);
    expect(timing.connectMs).toBeUndefined();
    expect(timing.dnsMs).toBeUndefined();
    expect(timing.firstByteMs).toBeGreaterThanOrEqual(0);
    expect(server.connections()).toBe(1);
  });

  it('fresh client connects again', async () => {
    server = await startServer(tokenApi);
    await track(createClient({ baseUrl: server.url })).implicit({ clientId: 'client-1' });
    const { timing } = await track(createClient({ baseUrl: server.url })).implicit({
      clientId: 'client-1',
    });

    expect(timing.reusedConnection).toBe(false);
    expect(timing.connectMs).toBeGreaterThanOrEqual(0);
    expect(server.connections()).toBe(2);
  });

  it('concurrent calls each connect', async () => {
    server = await startServer(tokenApi);
    const client = track(createClient({ baseUrl: server.url }));
    const results = await Promise.all([
      client.implicit({ clientId: 'client-1' }),
      client.implicit({ clientId: 'client-1' }),
    ]);

    expect(results.map((result) => result.timing.reusedConnection)).toEqual([false, false]);
    expect(results.every((result) => result.timing.connectMs !== undefined)).toBe(true);
    expect(server.connections()).toBe(2);
  });

  it('IP address has no DNS phase', async () => {
    server = await startServer(tokenApi);
    const { timing } = await track(createClient({ baseUrl: server.url })).implicit({
      clientId: 'client-1',
    });

    expect(timing.dnsMs).toBeUndefined();
  });

  it('localhost has a DNS phase', async () => {
    server = await startServer(tokenApi);
    const baseUrl = `http://localhost:${server.port}`;
    const { timing } = await track(createClient({ baseUrl })).implicit({ clientId: 'client-1' });

    expect(timing.dnsMs).toBeGreaterThanOrEqual(0);
    expect(timing.connectMs).toBeGreaterThanOrEqual(0);
  });

  it('plain HTTP has no TLS phase', async () => {
    server = await startServer(tokenApi);
    const { timing } = await track(createClient({ baseUrl: server.url })).implicit({
      clientId: 'client-1',
    });

    expect(timing.tlsMs).toBeUndefined();
  });

  it('caller dispatcher detects reuse', async () => {
    server = await startServer(tokenApi);
    const agent = new Agent();
    agents.push(agent);
    const client = track(createClient({ baseUrl: server.url, dispatcher: agent }));
    const first = await client.implicit({ clientId: 'client-1' });
    const second = await client.implicit({ clientId: 'client-1' });

    expect(first.timing.reusedConnection).toBe(false);
    expect(second.timing.reusedConnection).toBe(true);
  });

  it('close leaves caller dispatcher open', async () => {
    server = await startServer(tokenApi);
    const agent = new Agent();
    agents.push(agent);
    await createClient({ baseUrl: server.url, dispatcher: agent }).close();

    expect(agent.closed).toBe(false);
  });
});

const opensslMissing = spawnSync('openssl', ['version']).error !== undefined;
if (opensslMissing) {
  console.warn('TLS timing tests skipped: openssl is not on PATH to make a test certificate');
}

describe.skipIf(opensslMissing)('TLS timing', () => {
  let directory: string;
  let tls: { key: string; cert: string };

  // A throwaway self-signed certificate for 127.0.0.1, made for this run only.
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'client-tls-'));
    const key = join(directory, 'key.pem');
    const cert = join(directory, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    tls = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('TLS handshake measured', async () => {
    server = await startTlsServer(tokenApi, tls);
    const agent = new Agent({ connect: createTimedConnector(5_000, { ca: tls.cert }) });
    agents.push(agent);
    const client = track(createClient({ baseUrl: server.url, dispatcher: agent }));
    const { timing } = await client.implicit({ clientId: 'client-1' });

    expect(timing.reusedConnection).toBe(false);
    expect(timing.connectMs).toBeGreaterThanOrEqual(0);
    expect(timing.tlsMs).toBeGreaterThan(0);
  });

  it('untrusted certificate is tls', async () => {
    server = await startTlsServer(tokenApi, tls);
    const error = await track(createClient({ baseUrl: server.url }))
      .implicit({ clientId: 'client-1' })
      .catch((caught: unknown) => caught);

    expect((error as { kind?: string }).kind).toBe('tls');
  });
});
