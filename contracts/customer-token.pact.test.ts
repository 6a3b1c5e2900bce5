import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { ApiError, createClient, type TokenClient } from '../src/client/index.js';
import { STATES } from '../src/contracts/marks.js';
import { EXAMPLE } from './support/examples.js';
import { createPact } from './support/pact.js';
import { errorListBody, JSON_CONTENT_TYPE } from './support/responses.js';
import { createRewritingClient, dropDataMember, dropHeader } from './support/rewrite-request.js';

const { integer, regex, uuid } = MatchersV3;

const CUSTOMER_TOKENS_PATH = '/v2/customers/tokens';
const CUSTOMER = EXAMPLE.customer;
const JWT = /^[A-Za-z0-9_+/-]+={0,2}\.[A-Za-z0-9_+/-]+={0,2}\.[A-Za-z0-9_+/-]+={0,2}$/;
const IMPLICIT_TOKEN = { accessToken: EXAMPLE.accessToken, grantType: 'implicit' };

const pact = createPact();

/** The request our client sends for a password login. */
function loginRequest(accessToken: string, data: Record<string, string>) {
  return {
    headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
    body: { data: { type: 'token', authentication_mechanism: 'password', ...data } },
  };
}

async function withClient(url: string, use: (client: TokenClient) => Promise<void>) {
  const client = createClient({ baseUrl: url });

  try {
    await use(client);
  } finally {
    await client.close();
  }
}

async function apiErrorOf(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );

  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('customer token contract', () => {
  it('logs customer in', async () => {
    const request = loginRequest(EXAMPLE.accessToken, {
      email: CUSTOMER.email,
      password: CUSTOMER.password,
    });

    await pact
      .addInteraction()
      .given(STATES.accessTokenIssued, IMPLICIT_TOKEN)
      .given(STATES.customerExists, { ...CUSTOMER })
      .uponReceiving('a customer login with the right password')
      .withRequest('POST', CUSTOMER_TOKENS_PATH, (builder) => {
        builder.headers(request.headers).jsonBody(request.body);
      })
      .willRespondWith(200, (builder) => {
        builder.headers(JSON_CONTENT_TYPE).jsonBody({
          data: {
            type: 'token',
            id: uuid(EXAMPLE.customerTokenId),
            customer_id: uuid(EXAMPLE.customerId),
            token: regex(JWT, EXAMPLE.customerToken),
            expires: integer(EXAMPLE.expires),
          },
        });
      })
      .executeTest(async (mockServer) => {
        await withClient(mockServer.url, async (client) => {
          const { body } = await client.customerToken({
            accessToken: EXAMPLE.accessToken,
            email: CUSTOMER.email,
            password: CUSTOMER.password,
          });

          expect(body.type).toBe('token');
          expect(body.token.split('.')).toHaveLength(3);
          expect(body.expires * 1000).toBeGreaterThan(Date.now());
        });
      });
  });

  it('rejects wrong password', async () => {
    const request = loginRequest(EXAMPLE.accessToken, {
      email: CUSTOMER.email,
      password: EXAMPLE.wrongPassword,
    });

    await pact
      .addInteraction()
      .given(STATES.accessTokenIssued, IMPLICIT_TOKEN)
      .given(STATES.customerExists, { ...CUSTOMER })
      .uponReceiving('a customer login with a wrong password')
      .withRequest('POST', CUSTOMER_TOKENS_PATH, (builder) => {
        builder.headers(request.headers).jsonBody(request.body);
      })
      .willRespondWith(401, (builder) => {
        builder.headers(JSON_CONTENT_TYPE).jsonBody(errorListBody('Unauthorized'));
      })
      .executeTest(async (mockServer) => {
        await withClient(mockServer.url, async (client) => {
          const error = await apiErrorOf(
            client.customerToken({
              accessToken: EXAMPLE.accessToken,
              email: CUSTOMER.email,
              password: EXAMPLE.wrongPassword,
            }),
          );

          expect(error.status).toBe(401);
          expect(error.errors[0]?.title).toBe('Unauthorized');
        });
      });
  });

  it('rejects missing email', async () => {
    const request = loginRequest(EXAMPLE.accessToken, { password: CUSTOMER.password });

    await pact
      .addInteraction()
      .given(STATES.accessTokenIssued, IMPLICIT_TOKEN)
      .uponReceiving('a customer login without an email')
      .withRequest('POST', CUSTOMER_TOKENS_PATH, (builder) => {
        builder.headers(request.headers).jsonBody(request.body);
      })
      .willRespondWith(422, (builder) => {
        builder.headers(JSON_CONTENT_TYPE).jsonBody(errorListBody('Failed Validation'));
      })
      .executeTest(async (mockServer) => {
        const { client, close } = createRewritingClient(mockServer.url, dropDataMember('email'));

        try {
          const error = await apiErrorOf(
            client.customerToken({
              accessToken: EXAMPLE.accessToken,
              email: CUSTOMER.email,
              password: CUSTOMER.password,
            }),
          );

          expect(error.status).toBe(422);
          expect(error.errors[0]?.title).toBe('Failed Validation');
        } finally {
          await close();
        }
      });
  });

  it('rejects missing bearer', async () => {
    const request = loginRequest(EXAMPLE.accessToken, {
      email: CUSTOMER.email,
      password: CUSTOMER.password,
    });

    await pact
      .addInteraction()
      .uponReceiving('a customer login without an Authorization header')
      .withRequest('POST', CUSTOMER_TOKENS_PATH, (builder) => {
        builder.headers({ 'Content-Type': 'application/json' }).jsonBody(request.body);
      })
      .willRespondWith(401, (builder) => {
        builder
          .headers(JSON_CONTENT_TYPE)
          .jsonBody(errorListBody('Unable to validate access token'));
      })
      .executeTest(async (mockServer) => {
        const { client, close } = createRewritingClient(
          mockServer.url,
          dropHeader('authorization'),
        );

        try {
          const error = await apiErrorOf(
            client.customerToken({
              accessToken: EXAMPLE.accessToken,
              email: CUSTOMER.email,
              password: CUSTOMER.password,
            }),
          );

          expect(error.status).toBe(401);
          expect(error.errors[0]?.title).toBe('Unable to validate access token');
        } finally {
          await close();
        }
      });
  });

  it('rejects unknown bearer', async () => {
    const request = loginRequest(EXAMPLE.unknownAccessToken, {
      email: CUSTOMER.email,
      password: CUSTOMER.password,
    });

    await pact
      .addInteraction()
      .uponReceiving('a customer login with an access token the provider never issued')
      .withRequest('POST', CUSTOMER_TOKENS_PATH, (builder) => {
        builder.headers(request.headers).jsonBody(request.body);
      })
      .willRespondWith(401, (builder) => {
        builder
          .headers(JSON_CONTENT_TYPE)
          .jsonBody(errorListBody('Unable to validate access token'));
      })
      .executeTest(async (mockServer) => {
        await withClient(mockServer.url, async (client) => {
          const error = await apiErrorOf(
            client.customerToken({
              accessToken: EXAMPLE.unknownAccessToken,
              email: CUSTOMER.email,
              password: CUSTOMER.password,
            }),
          );

          expect(error.status).toBe(401);
          expect(error.errors[0]?.title).toBe('Unable to validate access token');
        });
      });
  });
});
