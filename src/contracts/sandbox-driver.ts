import { createClient } from '../client/index.js';
import { type Profile, type Sandbox, startSandbox } from '../sandbox/index.js';
import type {
  AccessTokenParams,
  ClientParams,
  CustomerParams,
  ProviderDriver,
} from './provider-driver.js';
import { Substitutions } from './substitutions.js';

/** A clock that runs in real time until frozen, so a rate limit window cannot roll over. */
class FreezableClock {
  private frozenAt: number | undefined;

  now(): number {
    return this.frozenAt ?? Date.now();
  }

  freeze(): void {
    this.frozenAt = Date.now();
  }

  thaw(): void {
    this.frozenAt = undefined;
  }
}

/** Drives a sandbox it starts in this process on a free loopback port. */
export class SandboxDriver implements ProviderDriver {
  readonly kind = 'sandbox';
  readonly substitutions = new Substitutions();
  readonly canRateLimit = true;

  /** The client whose credentials issue access tokens: the last one registered. */
  private client: ClientParams;

  private constructor(
    private readonly sandbox: Sandbox,
    private readonly clock: FreezableClock,
    seed: ClientParams,
  ) {
    this.client = seed;
  }

  static async start(profile: Profile, seed: ClientParams): Promise<SandboxDriver> {
    const clock = new FreezableClock();
    const sandbox = await startSandbox({ profile, clock, client: seed });

    return new SandboxDriver(sandbox, clock, seed);
  }

  get baseUrl(): string {
    return this.sandbox.url;
  }

  async registerClient(params: ClientParams): Promise<void> {
    this.sandbox.state.addClient(params.clientId, params.clientSecret);
    this.client = params;
  }

  async issueAccessToken(params: AccessTokenParams): Promise<void> {
    const client = createClient({ baseUrl: this.baseUrl });

    try {
      const response =
        params.grantType === 'implicit'
          ? await client.implicit({ clientId: this.client.clientId })
          : await client.clientCredentials(this.client);
      this.substitutions.set(params.accessToken, response.body.access_token);
    } finally {
      await client.close();
    }
  }

  async createCustomer(params: CustomerParams): Promise<void> {
    this.sandbox.state.deleteCustomerByEmail(params.email);
    this.sandbox.state.createCustomer(params);
  }

  async deleteCustomer(params: CustomerParams): Promise<void> {
    this.sandbox.state.deleteCustomerByEmail(params.email);
  }

  /** Freezes the clock, allows one request a second, and spends that one request. */
  async startRateLimit(clientId: string): Promise<void> {
    const { state } = this.sandbox;

    this.clock.freeze();
    state.setRateLimit({ requestsPerSecond: 1 });

    while (state.rateLimiter.allow(clientId, this.clock.now())) {
      // Each call counts one request, so the loop ends once the window is spent.
    }
  }

  async stopRateLimit(): Promise<void> {
    this.sandbox.state.setRateLimit(undefined);
    this.clock.thaw();
  }

  async close(): Promise<void> {
    await this.sandbox.close();
  }
}
