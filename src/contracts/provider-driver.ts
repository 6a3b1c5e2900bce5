import type { Substitutions } from './substitutions.js';

export interface ClientParams {
  clientId: string;
  clientSecret: string;
}

export interface AccessTokenParams {
  /** The example token the contract sends; the driver maps it to a real one. */
  accessToken: string;
  grantType: 'client_credentials' | 'implicit';
}

export interface CustomerParams {
  name: string;
  email: string;
  password: string;
}

/**
 * Puts a provider into the states the contract names. The sandbox driver changes the
 * sandbox's memory directly; the live driver works through the public API with real
 * credentials. Both record in `substitutions` which real value replaces each example.
 */
export interface ProviderDriver {
  readonly kind: 'sandbox' | 'live';
  readonly baseUrl: string;
  readonly substitutions: Substitutions;
  /** Whether the driver can make the provider rate limit a client on demand. */
  readonly canRateLimit: boolean;

  registerClient(params: ClientParams): Promise<void>;
  issueAccessToken(params: AccessTokenParams): Promise<void>;
  createCustomer(params: CustomerParams): Promise<void>;
  deleteCustomer(params: CustomerParams): Promise<void>;
  startRateLimit(clientId: string): Promise<void>;
  stopRateLimit(): Promise<void>;
  /** Removes everything the driver created, also after a failed check, and frees resources. */
  close(): Promise<void>;
}
