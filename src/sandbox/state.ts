import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import type { TokenTableFullError } from './access-token-table.js';
import type { SandboxBehaviour } from './behaviour.js';
import { ClientStore } from './client-store.js';
import { CustomerStore, type CustomerView, type NewCustomer } from './customer-store.js';
import { faultSchema } from './faults.js';
import {
  describeIssues,
  type ResolvedOptions,
  rateLimitSchema,
  SandboxOptionsError,
} from './options.js';
import { RateLimiter } from './rate-limit.js';
import { RequestIds } from './request-ids.js';
import { TokenStore } from './token-store.js';
import type { Clock, Fault, Profile, RateLimit } from './types.js';

/**
 * Everything the sandbox remembers, with in-process control for tests and contract state
 * handlers. The admin HTTP API offers the same operations to other processes.
 */
export class SandboxState {
  readonly clients = new ClientStore();
  readonly customers: CustomerStore;
  readonly tokens = new TokenStore();
  readonly rateLimiter: RateLimiter;
  /** `X-Moltin-Request-Id` values for every response outside admin. */
  readonly requestIds = new RequestIds();
  readonly behaviour: Readonly<SandboxBehaviour>;
  readonly clock: Clock;
  readonly random: () => number;
  readonly signingKey: Buffer;
  readonly accessTokenLifetimeSeconds: number;
  readonly customerTokenLifetimeSeconds: number;
  /**
   * Emits `tokenTableFull` with the `TokenTableFullError` each time a token request gets a 503
   * because the access token table is full, and `requestFailed` with the error each time a
   * request fails with 500, so that a host process can log them. The sandbox's own request
   * log is off by default.
   */
  readonly events = new EventEmitter();

  private currentProfile: Profile;
  private currentFaults: readonly Fault[];
  /** The seeded customer keeps this id across resets, so saved ids stay valid. */
  private readonly seedCustomerId = randomUUID();

  constructor(private readonly options: Readonly<ResolvedOptions>) {
    this.customers = new CustomerStore(options.behaviour.caseInsensitiveEmail);
    this.rateLimiter = new RateLimiter(options.rateLimit);
    this.behaviour = options.behaviour;
    this.clock = options.clock;
    this.random = options.random;
    this.signingKey = options.signingKey;
    this.accessTokenLifetimeSeconds = options.accessTokenLifetimeSeconds;
    this.customerTokenLifetimeSeconds = options.customerTokenLifetimeSeconds;
    this.currentProfile = options.profile;
    this.currentFaults = options.faults;
    this.reset();
  }

  get profile(): Profile {
    return this.currentProfile;
  }

  get faults(): readonly Fault[] {
    return this.currentFaults;
  }

  get rateLimit(): RateLimit | undefined {
    return this.rateLimiter.get();
  }

  /**
   * Returns to the start: only the seeded client and customer, no tokens, and the profile,
   * faults and rate limit the sandbox started with.
   */
  reset(): void {
    this.clients.clear();
    this.customers.clear();
    this.tokens.clear();
    this.clients.add(this.options.client.clientId, this.options.client.clientSecret);
    this.customers.create({ ...this.options.customer, id: this.seedCustomerId });
    this.currentProfile = this.options.profile;
    this.currentFaults = this.options.faults;
    this.rateLimiter.set(this.options.rateLimit);
  }

  /** Emits `tokenTableFull` on `events`. */
  reportTokenTableFull(error: TokenTableFullError): void {
    this.events.emit('tokenTableFull', error);
  }

  /** Emits `requestFailed` on `events`. */
  reportRequestFailed(error: unknown): void {
    this.events.emit('requestFailed', error);
  }

  /** Adds a client, or replaces the secret of an existing one. */
  addClient(clientId: string, clientSecret: string): void {
    this.clients.add(clientId, clientSecret);
  }

  /** Creates a customer, or throws `DuplicateEmailError` when the email is taken. */
  createCustomer(customer: NewCustomer): CustomerView {
    return this.customers.create(customer);
  }

  findCustomerByEmail(email: string): CustomerView | undefined {
    return this.customers.findByEmail(email);
  }

  /** Deletes a customer and its customer tokens by id, returning false when none has it. */
  deleteCustomer(id: string): boolean {
    this.tokens.revokeCustomerTokens(id);
    return this.customers.delete(id);
  }

  /** Deletes a customer and its customer tokens by email, returning false when none has it. */
  deleteCustomerByEmail(email: string): boolean {
    const customer = this.customers.findByEmail(email);
    return customer !== undefined && this.deleteCustomer(customer.id);
  }

  /** Replaces the faults, or throws `SandboxOptionsError` for an invalid one. */
  setFaults(faults: readonly Fault[]): void {
    const parsed = z.array(faultSchema).safeParse(faults);
    if (!parsed.success) throw new SandboxOptionsError(describeIssues(parsed.error));
    this.currentFaults = Object.freeze(parsed.data);
  }

  clearFaults(): void {
    this.currentFaults = [];
  }

  /** Sets the limit, or removes it for `undefined`. Throws `SandboxOptionsError` when invalid. */
  setRateLimit(limit: RateLimit | undefined): void {
    const parsed = rateLimitSchema.optional().safeParse(limit);
    if (!parsed.success) throw new SandboxOptionsError(describeIssues(parsed.error));
    this.rateLimiter.set(parsed.data);
  }

  setProfile(profile: Profile): void {
    this.currentProfile = profile;
  }

  /** Access and customer tokens held in memory, including expired ones not yet pruned. */
  tokenCount(): number {
    return this.tokens.count();
  }

  /** Deletes expired tokens now and returns how many went. */
  pruneExpired(): number {
    return this.tokens.pruneExpired(this.clock.now());
  }
}
