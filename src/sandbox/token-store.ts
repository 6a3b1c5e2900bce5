import { randomUUID } from 'node:crypto';
import { ExpiringMap, unixSeconds } from './expiring-map.js';
import { RandomHexPool } from './random-hex.js';

export { unixSeconds };

/** Privileges of an access token: `client_credentials` after a secret, else `implicit`. */
export type AccessTokenKind = 'client_credentials' | 'implicit';

/** Shared by every token of one client and kind issued within the same second, so read-only. */
export interface AccessTokenRecord {
  readonly clientId: string;
  readonly kind: AccessTokenKind;
  /** Unix seconds. The token is valid while `floor(now / 1000) < expires`. */
  readonly expires: number;
}

export interface CustomerTokenRecord {
  id: string;
  customerId: string;
  expires: number;
}

/**
 * Live access and customer tokens. Each issue first drops expired tokens from the front of
 * their map, and `pruneExpired` sweeps every expired one (see `ExpiringMap`).
 */
export class TokenStore {
  private readonly accessTokens = new ExpiringMap<AccessTokenRecord>();
  private readonly customerTokens = new ExpiringMap<CustomerTokenRecord>();
  private readonly tokenSource = new RandomHexPool();
  /**
   * The record of the last access token issued. Under load most tokens share client, kind and
   * expiry second with the one before, and sharing the frozen record saves an object per token.
   */
  private lastAccessRecord: AccessTokenRecord | undefined;

  /** Issues a 40-character lowercase hex access token, the format of every real sample. */
  issueAccessToken(
    clientId: string,
    kind: AccessTokenKind,
    lifetimeSeconds: number,
    nowMs: number,
  ): { token: string; expires: number } {
    this.accessTokens.pruneFront(nowMs);
    const token = this.tokenSource.next();
    const record = this.accessRecord(clientId, kind, unixSeconds(nowMs) + lifetimeSeconds);
    this.accessTokens.set(token, record);
    return { token, expires: record.expires };
  }

  /** Returns a live access token's record and deletes the token if it has expired. */
  findAccessToken(token: string, nowMs: number): AccessTokenRecord | undefined {
    return this.accessTokens.get(token, nowMs);
  }

  revokeClientAccessTokens(clientId: string): void {
    this.accessTokens.deleteWhere((record) => record.clientId === clientId);
  }

  issueCustomerToken(customerId: string, lifetimeSeconds: number, nowMs: number) {
    this.customerTokens.pruneFront(nowMs);
    const record: CustomerTokenRecord = {
      id: randomUUID(),
      customerId,
      expires: unixSeconds(nowMs) + lifetimeSeconds,
    };
    this.customerTokens.set(record.id, record);
    return record;
  }

  /** Returns a live customer token's record by its id (the JWT `jti`). */
  findCustomerToken(id: string, nowMs: number): CustomerTokenRecord | undefined {
    return this.customerTokens.get(id, nowMs);
  }

  revokeCustomerTokens(customerId: string): void {
    this.customerTokens.deleteWhere((record) => record.customerId === customerId);
  }

  /** Deletes every expired token and returns how many went. */
  pruneExpired(nowMs: number): number {
    return this.accessTokens.pruneAll(nowMs) + this.customerTokens.pruneAll(nowMs);
  }

  /** Tokens held in memory, expired or not, until a prune removes them. */
  count(): number {
    return this.accessTokens.size + this.customerTokens.size;
  }

  clear(): void {
    this.accessTokens.clear();
    this.customerTokens.clear();
  }

  private accessRecord(clientId: string, kind: AccessTokenKind, expires: number) {
    const last = this.lastAccessRecord;
    if (last?.clientId === clientId && last.kind === kind && last.expires === expires) return last;

    const record: AccessTokenRecord = Object.freeze({ clientId, kind, expires });
    this.lastAccessRecord = record;
    return record;
  }
}
