import { randomFillSync } from 'node:crypto';

/** Bytes in each access token: 20, written as 40 lowercase hex characters. */
const TOKEN_BYTES = 20;
/** Tokens per refill. One call for many tokens costs far less than a call per token. */
const TOKENS_PER_REFILL = 256;

/**
 * Cryptographically random access token strings, cut from a buffer that `randomFillSync`
 * refills once every `TOKENS_PER_REFILL` tokens. Each byte is used once. The whole buffer is
 * written as hex once per refill, and each token is a slice of that text, which V8 makes
 * without copying. A hex conversion per token would cost a native call each.
 */
export class RandomHexPool {
  private readonly bytes = new ArrayBuffer(TOKEN_BYTES * TOKENS_PER_REFILL);
  private readonly pool = Buffer.from(this.bytes);
  /** The same bytes as 32-bit words. A token starts every 20 bytes, so on a word boundary. */
  private readonly words = new Uint32Array(this.bytes);
  private offset = this.pool.length;
  /** The pool as hex, two characters per byte. */
  private hex = '';

  /**
   * Returns 40 lowercase hex characters from 20 unused random bytes, and copies those bytes
   * into `words` as five 32-bit words in the host's byte order when it is given.
   */
  next(words?: Uint32Array): string {
    if (this.offset === this.pool.length) {
      randomFillSync(this.pool);
      this.hex = this.pool.toString('hex');
      this.offset = 0;
    }

    const start = this.offset;
    this.offset += TOKEN_BYTES;
    if (words !== undefined) {
      const first = start / 4;
      for (let word = 0; word < TOKEN_BYTES / 4; word++) {
        words[word] = this.words[first + word] as number;
      }
    }
    return this.hex.slice(start * 2, this.offset * 2);
  }
}
