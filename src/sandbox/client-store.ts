import { SecretDigester } from './secrets.js';

/** Most correct secrets whose digests `verify` keeps. The cache is cleared when full. */
const MAX_CACHED_DIGESTS = 64;

/** OAuth clients the sandbox accepts, by client id. */
export class ClientStore {
  private readonly digester = new SecretDigester();
  private readonly secrets = new Map<string, Buffer>();
  /**
   * Digests of secrets that matched, because an HMAC per token request costs more than the
   * rest of the check. Wrong secrets are never cached. NOTE: the keys are the correct secrets
   * in plain text, held in memory until `clear` or the next overflow, and so is `lastMatch`.
   */
  private readonly digestCache = new Map<string, Buffer>();
  /**
   * The client id and secret of the last match. A load run sends one pair again and again, and
   * this skips the digest lookup and comparison for it.
   */
  private lastMatch: { clientId: string; secret: string } | undefined;

  /** Adds a client, or replaces the secret of an existing one. */
  add(clientId: string, clientSecret: string): void {
    this.secrets.set(clientId, this.digester.digest(clientSecret));
    this.lastMatch = undefined;
  }

  has(clientId: string): boolean {
    return this.secrets.has(clientId);
  }

  /** Checks a secret, comparing digests in constant time. An unknown client id never matches. */
  verify(clientId: string, clientSecret: string): boolean {
    const last = this.lastMatch;
    if (last !== undefined && last.clientId === clientId && last.secret === clientSecret) {
      return true;
    }

    const expected = this.secrets.get(clientId);
    if (expected === undefined) return false;

    const cached = this.digestCache.get(clientSecret);
    const digest = cached ?? this.digester.digest(clientSecret);
    const matches = this.digester.equal(digest, expected);
    if (matches && cached === undefined) this.cache(clientSecret, digest);
    if (matches) this.lastMatch = { clientId, secret: clientSecret };
    return matches;
  }

  clear(): void {
    this.secrets.clear();
    this.digestCache.clear();
    this.lastMatch = undefined;
  }

  private cache(secret: string, digest: Buffer): void {
    if (this.digestCache.size >= MAX_CACHED_DIGESTS) this.digestCache.clear();
    this.digestCache.set(secret, digest);
  }
}
