import { ApiError, createClient } from '../../src/client/index.js';

export interface TrafficCredentials {
  clientId: string;
  clientSecret: string;
  customerEmail: string;
  customerPassword: string;
}

/** Tokens a sandbox issued, to scan every output for afterwards. */
export interface IssuedTokens {
  accessTokens: string[];
  customerTokens: string[];
  /** Statuses of the requests sent with wrong credentials, which must be 4xx. */
  rejectedStatuses: number[];
}

async function rejectedStatus(call: () => Promise<unknown>): Promise<number> {
  try {
    await call();
    return 200;
  } catch (error) {
    if (error instanceof ApiError) {
      return error.status;
    }
    throw error;
  }
}

/**
 * Sends every kind of token request to a running sandbox: each grant, a customer login, a
 * customer read, and requests with a wrong secret and a wrong password. Returns the tokens.
 */
export async function sendTraffic(
  baseUrl: string,
  credentials: TrafficCredentials,
): Promise<IssuedTokens> {
  const client = createClient({ baseUrl, timeoutMs: 5000 });
  const { clientId, clientSecret, customerEmail: email, customerPassword: password } = credentials;

  try {
    const issued = await client.clientCredentials({ clientId, clientSecret });
    const implicit = await client.implicit({ clientId });
    const refreshed = await client.refresh({
      clientId,
      clientSecret,
      refreshToken: issued.body.access_token,
    });
    const accessToken = implicit.body.access_token;
    const login = await client.customerToken({ accessToken, email, password });
    await client.getCustomer({
      accessToken,
      id: login.body.customer_id,
      customerToken: login.body.token,
    });

    const rejectedStatuses = [
      await rejectedStatus(() =>
        client.clientCredentials({ clientId, clientSecret: `${clientSecret}-wrong` }),
      ),
      await rejectedStatus(() =>
        client.customerToken({ accessToken, email, password: `${password}-wrong` }),
      ),
    ];

    return {
      accessTokens: [issued, implicit, refreshed].map((response) => response.body.access_token),
      customerTokens: [login.body.token],
      rejectedStatuses,
    };
  } finally {
    await client.close();
  }
}
