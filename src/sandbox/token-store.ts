import { randomUUID } from 'node:crypto';
import { RandomHexPool } from './random-hex.js';

/** Privileges of an access token: `client_credentials` after a secret, else `implicit`. */
export type AccessTokenKind = 'client_credentials' | 'implicit';

export interface AccessTokenRecord {
  clientId: string;
  kind: AccessTokenKind;
  /** Unix seconds. The token is valid while `floor(now / 1000) < expires`. */
  expires: number;
}

export interface CustomerTokenRecord {
  id: string;
  customerId: string;
  expires: number;
}

/** Unix seconds of an epoch-milliseconds time, as the API counts `expires`. */
export function unixSeconds(nowMs: number): number {
  return Math.floor(nowMs / 1000);
}

function isExpired(record: { expires: number }, nowMs: number): boolean {
  return unixSeconds(nowMs) >= record.expires;
}

/** Deletes expired entries from the oldest on and stops at the first live one. */
function pruneOldest<T extends { expires: number }>(map: Map<string, T>, nowMs: number): void {
  for (const [key, record] of map) {
    if (!isExpired(record, nowMs)) return;
    map.delete(key);
  }
}

function pruneAll<T extends { expires: number }>(map: Map<string, T>, nowMs: number): number {
  let removed = 0;
  for (const [key, record] of map) {
    if (isExpired(record, nowMs)) {
      map.delete(key);
      removed++;
    }
  }
  return removed;
}

/**
 * Live access and customer tokens. Maps keep insertion order, and with one lifetime and a
 * clock that only moves forward that is also expiry order, so each issue first drops expired
 * tokens from the front in amortised constant time. A clock moved backwards or a changed
 * lifetime breaks that order, but lookups still reject expired tokens and `pruneExpired`
 * sweeps the rest.
 */
export class TokenStore {
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly customerTokens = new Map<string, CustomerTokenRecord>();
  private readonly tokenSource = new RandomHexPool();

  /** Issues a 40-character lowercase hex access token, the format of every real sample. */
  issueAccessToken(
    clientId: string,
    kind: AccessTokenKind,
    lifetimeSeconds: number,
    nowMs: number,
  ): { token: string; expires: number } {
    pruneOldest(this.accessTokens, nowMs);
    const token = this.tokenSource.next();
    const expires = unixSeconds(nowMs) + lifetimeSeconds;
    this.accessTokens.set(token, { clientId, kind, expires });
    return { token, expires };
  }

  /** Returns a live access token's record and deletes the token if it has expired. */
  findAccessToken(token: string, nowMs: number): AccessTokenRecord | undefined {
    const record = this.accessTokens.get(token);
    if (record === undefined) return undefined;

    if (isExpired(record, nowMs)) {
      this.accessTokens.delete(token);
      return undefined;
    }
    return record;
  }

  revokeClientAccessTokens(clientId: string): void {
    for (const [token, record] of this.accessTokens) {
      if (record.clientId === clientId) this.accessTokens.delete(token);
    }
  }

  issueCustomerToken(customerId: string, lifetimeSeconds: number, nowMs: number) {
    pruneOldest(this.customerTokens, nowMs);
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
    const record = this.customerTokens.get(id);
    if (record === undefined) return undefined;

    if (isExpired(record, nowMs)) {
      this.customerTokens.delete(id);
      return undefined;
    }
    return record;
  }

  revokeCustomerTokens(customerId: string): void {
    for (const [id, record] of this.customerTokens) {
      if (record.customerId === customerId) this.customerTokens.delete(id);
    }
  }

  /** Deletes every expired token and returns how many went. */
  pruneExpired(nowMs: number): number {
    return pruneAll(this.accessTokens, nowMs) + pruneAll(this.customerTokens, nowMs);
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
