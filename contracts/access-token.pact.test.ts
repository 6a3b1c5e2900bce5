import { describe, expect, it } from 'vitest';
import { ApiError, createClient, type TokenClient } from '../src/client/index.js';
import { SANDBOX_ONLY_COMMENT, STATES } from '../src/contracts/marks.js';
import { EXAMPLE } from './support/examples.js';
import { formBody } from './support/form-body.js';
import { createPact } from './support/pact.js';
import { accessTokenBody, errorListBody, JSON_CONTENT_TYPE } from './support/responses.js';
import { createRewritingClient, dropFormFields, setFormField } from './support/rewrite-request.js';

const TOKEN_PATH = '/oauth/access_token';
const CLIENT = { clientId: EXAMPLE.clientId, clientSecret: EXAMPLE.clientSecret };
const REGISTERED = { clientId: EXAMPLE.clientId, clientSecret: EXAMPLE.clientSecret };

const pact = createPact();

/** Runs `use` with the real client pointed at the mock server, and closes the client. */
async function withClient(url: string, use: (client: TokenClient) => Promise<void>) {
  const client = createClient({ baseUrl: url });

  try {
    await use(client);
  } finally {
    await client.close();
  }
}

/** Returns the ApiError a call rejects with, or fails the test when it resolves. */
async function apiErrorOf(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );

  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('access token contract', () => {
  it('issues client_credentials token', async () => {
    await pact
      .addInteraction()
      .given(STATES.clientRegistered, REGISTERED)
      .uponReceiving('a client_credentials token request')
      .withRequest('POST', TOKEN_PATH, (builder) => {
        formBody(builder, {
          grant_type: 'client_credentials',
          client_id: EXAMPLE.clientId,
          client_secret: EXAMPLE.clientSecret,
        });
      })
      .willRespondWith(200, (builder) => {
        builder.headers(JSON_CONTENT_TYPE).jsonBody(accessTokenBody('client_credentials'));
      })
      .executeTest(async (mockServer) => {
        await withClient(mockServer.url, async (client) => {
          const { body } = await client.clientCredentials(CLIENT);

          expect(body.token_type).toBe('Bearer');
          expect(body.identifier).toBe('client_credentials');
          expect(body.expires_in).toBeGreaterThan(0);
          expect(body.expires * 1000).toBeGreaterThan(Date.now());
        });
      });
  });

  it('issues implicit token', async () => {
    await pact
      .addInteraction()
      .given(STATES.clientRegistered, REGISTERED)
      .uponReceiving('an implicit token request')
      .withRequest('POST', TOKEN_PATH, (builder) => {
        formBody(builder, { grant_type: 'implicit', client_id: EXAMPLE.clientId });
      })
      .willRespondWith(200, (builder) => {
        builder.headers(JSON_CONTENT_TYPE).jsonBody(accessTokenBody('implicit'));
      })
      .executeTest(async (mockServer) => {
        await withClient(mockServer.url, async (client) => {
          const { body } = await client.implicit({ clientId: EXAMPLE.clientId });

          expect(body.identifier).toBe('implicit');
          expect(body.expires_in).toBeGreaterThan(0);
          expect(body.expires * 1000).toBeGreaterThan(Date.now());
        });
      });
  });

  it('refreshes issued token', async () => {
    await pact
      .addInteraction()
      .given(STATES.clientRegistered, REGISTERED)
      .given(STATES.accessTokenIssued, {
        accessToken: EXAMPLE.refreshToken,
        grantType: 'client_credentials',
      })
      .uponReceiving('a refresh_token request with a token the client holds')
      .withRequest('POST', TOKEN_PATH, (builder) => {
        formBody(builder, {
          grant_type: 'refresh_token',
          client_id: EXAMPLE.clientId,
          client_secret: EXAMPLE.clientSecret,
          refresh_token: EXAMPLE.refreshToken,
        });
      })
      .willRespondWith(200, (builder) => {
        builder.headers(JSON_CONTENT_TYPE).jsonBody(accessTokenBody('refresh_token'));
      })
      .executeTest(async (mockServer) => {
        await withClient(mockServer.url, async (client) => {
          const { body } = await client.refresh({ ...CLIENT, refreshToken: EXAMPLE.refreshToken });

          expect(body.identifier).toBe('refresh_token');
          expect(body.expires * 1000).toBeGreaterThan(Date.now());
        });
      });
  });

  it('rejects wrong client secret', async () => {
    await pact
      .addInteraction()
      .given(STATES.clientRegistered, REGISTERED)
      .uponReceiving('a client_credentials token request with a wrong secret')
      .withRequest('POST', TOKEN_PATH, (builder) => {
        formBody(builder, {
          grant_type: 'client_credentials',
          client_id: EXAMPLE.clientId,
          client_secret: EXAMPLE.wrongClientSecret,
        });
      })
      .willRespondWith(401, (builder) => {
        builder.headers(JSON_CONTENT_TYPE).jsonBody(errorListBody('Unauthorized'));
      })
      .executeTest(async (mockServer) => {
        await withClient(mockServer.url, async (client) => {
          const error = await apiErrorOf(
            client.clientCredentials({ ...CLIENT, clientSecret: EXAMPLE.wrongClientSecret }),
          );

          expect(error.status).toBe(401);
          expect(error.errors[0]?.title).toBe('Unauthorized');
        });
      });
  });

  it('rejects missing grant_type', async () => {
    await pact
      .addInteraction()
      .given(STATES.clientRegistered, REGISTERED)
      .uponReceiving('a token request without grant_type')
      .withRequest('POST', TOKEN_PATH, (builder) => {
        formBody(builder, { client_id: EXAMPLE.clientId });
      })
      .willRespondWith(400, (builder) => {
        builder.headers(JSON_CONTENT_TYPE).jsonBody(errorListBody('Bad Request'));
      })
      .executeTest(async (mockServer) => {
        const { client, close } = createRewritingClient(
          mockServer.url,
          dropFormFields('grant_type'),
        );

        try {
          const error = await apiErrorOf(client.implicit({ clientId: EXAMPLE.clientId }));

          expect(error.status).toBe(400);
          expect(error.errors[0]?.title).toBe('Bad Request');
        } finally {
          await close();
        }
      });
  });

  it('rejects unsupported grant_type', async () => {
    await pact
      .addInteraction()
      .given(STATES.clientRegistered, REGISTERED)
      .uponReceiving('a token request with an unsupported grant_type')
      .withRequest('POST', TOKEN_PATH, (builder) => {
        formBody(builder, { grant_type: 'password', client_id: EXAMPLE.clientId });
      })
      .willRespondWith(400, (builder) => {
        builder.headers(JSON_CONTENT_TYPE).jsonBody(errorListBody('Bad Request'));
      })
      .executeTest(async (mockServer) => {
        const rewrite = setFormField('grant_type', 'password');
        const { client, close } = createRewritingClient(mockServer.url, rewrite);

        try {
          const error = await apiErrorOf(client.implicit({ clientId: EXAMPLE.clientId }));

          expect(error.status).toBe(400);
          expect(error.errors[0]?.title).toBe('Bad Request');
        } finally {
          await close();
        }
      });
  });

  it('rejects unknown refresh token', async () => {
    await pact
      .addInteraction()
      .given(STATES.clientRegistered, REGISTERED)
      .uponReceiving('a refresh_token request with a token the provider never issued')
      .withRequest('POST', TOKEN_PATH, (builder) => {
        formBody(builder, {
          grant_type: 'refresh_token',
          client_id: EXAMPLE.clientId,
          client_secret: EXAMPLE.clientSecret,
          refresh_token: EXAMPLE.unknownAccessToken,
        });
      })
      .willRespondWith(400, (builder) => {
        builder.headers(JSON_CONTENT_TYPE).jsonBody(errorListBody('Bad Request'));
      })
      .executeTest(async (mockServer) => {
        await withClient(mockServer.url, async (client) => {
          const refreshToken = EXAMPLE.unknownAccessToken;
          const error = await apiErrorOf(client.refresh({ ...CLIENT, refreshToken }));

          expect(error.status).toBe(400);
          expect(error.errors[0]?.title).toBe('Bad Request');
        });
      });
  });

  it('answers 429 when rate limited', async () => {
    await pact
      .addInteraction()
      .given(STATES.clientRegistered, REGISTERED)
      .given(STATES.rateLimited, { clientId: EXAMPLE.clientId })
      .comment({
        key: SANDBOX_ONLY_COMMENT,
        value: 'a live API cannot be made to rate limit a client on demand',
      })
      .uponReceiving('a client_credentials token request over the rate limit')
      .withRequest('POST', TOKEN_PATH, (builder) => {
        formBody(builder, {
          grant_type: 'client_credentials',
          client_id: EXAMPLE.clientId,
          client_secret: EXAMPLE.clientSecret,
        });
      })
      .willRespondWith(429, (builder) => {
        builder.headers(JSON_CONTENT_TYPE).jsonBody(errorListBody('Too Many Requests'));
      })
      .executeTest(async (mockServer) => {
        await withClient(mockServer.url, async (client) => {
          const error = await apiErrorOf(client.clientCredentials(CLIENT));

          expect(error.status).toBe(429);
          expect(error.errors[0]?.title).toBe('Too Many Requests');
        });
      });
  });
});
