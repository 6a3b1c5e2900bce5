import { randomUUID } from 'node:crypto';
import { AccessTokenTable, type TokenEntry } from './access-token-table.js';
import { ExpiringMap, unixSeconds } from './expiring-map.js';
import { RandomHexPool } from './random-hex.js';

export { unixSeconds };

/** Privileges of an access token: `client_credentials` after a secret, else `implicit`. */
export type AccessTokenKind = 'client_credentials' | 'implicit';

/** A live access token's client, privileges and expiry. */
export type AccessTokenRecord = TokenEntry<AccessTokenKind>;

export interface CustomerTokenRecord {
  id: string;
  customerId: string;
  expires: number;
}

/**
 * Live access and customer tokens. Each issue first drops expired tokens from the front of
 * their store, and `pruneExpired` sweeps every expired one (see `AccessTokenTable` and
 * `ExpiringMap`).
 */
export class TokenStore {
  private readonly accessTokens = new AccessTokenTable<AccessTokenKind>();
  private readonly customerTokens = new ExpiringMap<CustomerTokenRecord>();
  private readonly tokenSource = new RandomHexPool();
  /** The words of the token being issued, filled by `tokenSource`. */
  private readonly tokenWords = new Uint32Array(5);

  /** Issues a 40-character lowercase hex access token, the format of every real sample. */
  issueAccessToken(
    clientId: string,
    kind: AccessTokenKind,
    lifetimeSeconds: number,
    nowMs: number,
  ): { token: string; expires: number } {
    this.accessTokens.pruneFront(nowMs);
    const token = this.tokenSource.next(this.tokenWords);
    const expires = unixSeconds(nowMs) + lifetimeSeconds;
    this.accessTokens.setWords(this.tokenWords, clientId, kind, expires);
    return { token, expires };
  }

  /** Returns a live access token's record and deletes the token if it has expired. */
  findAccessToken(token: string, nowMs: number): AccessTokenRecord | undefined {
    return this.accessTokens.get(token, nowMs);
  }

  revokeClientAccessTokens(clientId: string): void {
    this.accessTokens.deleteClient(clientId);
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
}
