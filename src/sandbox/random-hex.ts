import { randomFillSync } from 'node:crypto';

/** Bytes in each access token: 20, written as 40 lowercase hex characters. */
const TOKEN_BYTES = 20;
/** Tokens per refill. One call for many tokens costs far less than a call per token. */
const TOKENS_PER_REFILL = 256;

/**
 * Cryptographically random access token strings, cut from a buffer that `randomFillSync`
 * refills once every `TOKENS_PER_REFILL` tokens. Each byte is used once.
 */
export class RandomHexPool {
  private readonly pool = Buffer.allocUnsafe(TOKEN_BYTES * TOKENS_PER_REFILL);
  private offset = this.pool.length;

  /** Returns 40 lowercase hex characters from 20 unused random bytes. */
  next(): string {
    if (this.offset === this.pool.length) {
      randomFillSync(this.pool);
      this.offset = 0;
    }

    const start = this.offset;
    this.offset += TOKEN_BYTES;
    return this.pool.toString('hex', start, this.offset);
  }
}
