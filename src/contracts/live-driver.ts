import { randomUUID } from 'node:crypto';
import { createClient, type TokenClient } from '../client/index.js';
import type {
  AccessTokenParams,
  ClientParams,
  CustomerParams,
  ProviderDriver,
} from './provider-driver.js';
import { Substitutions } from './substitutions.js';

export interface LiveCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * Drives a live API through its public routes with real credentials. Each customer it creates
 * gets a fresh email, so runs in parallel do not collide, and is deleted on teardown or, when
 * a check fails first, on `close()`.
 * NOTE: tested only against a sandbox standing in for the live API. Whether the real API
 * accepts the example customer data and returns the guessed error statuses is unconfirmed.
 */
export class LiveDriver implements ProviderDriver {
  readonly kind = 'live';
  readonly substitutions = new Substitutions();
  readonly canRateLimit = false;

  private readonly client: TokenClient;
  /** Ids of the customers this driver created and has not deleted yet, by example email. */
  private readonly created = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly credentials: LiveCredentials,
    timeoutMs?: number,
  ) {
    this.client = createClient({ baseUrl, timeoutMs });
  }

  async registerClient(params: ClientParams): Promise<void> {
    this.substitutions.set(params.clientId, this.credentials.clientId);
    this.substitutions.set(params.clientSecret, this.credentials.clientSecret);
  }

  async issueAccessToken(params: AccessTokenParams): Promise<void> {
    const token =
      params.grantType === 'implicit' ? await this.implicitToken() : await this.adminToken();
    this.substitutions.set(params.accessToken, token);
  }

  async createCustomer(params: CustomerParams): Promise<void> {
    const email = `pact-${randomUUID()}@example.com`;
    const response = await this.client.createCustomer({
      accessToken: await this.adminToken(),
      name: params.name,
      email,
      password: params.password,
    });

    this.created.set(params.email, response.body.id);
    this.substitutions.set(params.email, email);
  }

  async deleteCustomer(params: CustomerParams): Promise<void> {
    const id = this.created.get(params.email);

    if (id !== undefined) {
      this.created.delete(params.email);
      await this.client.deleteCustomer({ accessToken: await this.adminToken(), id });
    }
  }

  async startRateLimit(): Promise<void> {
    throw new Error('a live API cannot be made to rate limit a client on demand');
  }

  async stopRateLimit(): Promise<void> {}

  async close(): Promise<void> {
    try {
      for (const id of this.created.values()) {
        await this.client.deleteCustomer({ accessToken: await this.adminToken(), id });
      }
      this.created.clear();
    } finally {
      await this.client.close();
    }
  }

  /** A fresh `client_credentials` token, which may create and delete customers. */
  private async adminToken(): Promise<string> {
    const response = await this.client.clientCredentials(this.credentials);
    return response.body.access_token;
  }

  private async implicitToken(): Promise<string> {
    const response = await this.client.implicit({ clientId: this.credentials.clientId });
    return response.body.access_token;
  }
}
