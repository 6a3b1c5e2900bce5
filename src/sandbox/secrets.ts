import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Keeps client secrets and customer passwords as keyed digests, so the state contains no
 * plain secret to leak through a debugger, a dump or a careless log line. `ClientStore` keeps
 * a small cache keyed by the client secrets that matched, which is the one exception. A fast
 * HMAC fits because the digests never leave the process, and a slow password hash would slow
 * load runs.
 */
export class SecretDigester {
  private readonly key = randomBytes(32);

  digest(secret: string): Buffer {
    return createHmac('sha256', this.key).update(secret).digest();
  }

  /** Compares in constant time for equal-length digests, which every digest here is. */
  matches(secret: string, digest: Buffer): boolean {
    return this.equal(this.digest(secret), digest);
  }

  /** Compares two digests from `digest` in constant time. */
  equal(digest: Buffer, expected: Buffer): boolean {
    return timingSafeEqual(digest, expected);
  }
}
