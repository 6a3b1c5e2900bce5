import { randomUUID } from 'node:crypto';

/** Two lowercase hex digits for each byte value. */
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
/** The counter's upper 40 bits, as the first 10 of the last group's 12 hex digits. */
const BLOCK_COUNT = 2 ** 40;
/** Characters in one id. */
const ID_LENGTH = 36;

/**
 * Unique `X-Moltin-Request-Id` values in UUID version 4 format. The first four groups come
 * from one `randomUUID` per instance (74 random bits, with the version and variant digits),
 * and the last group is a 48-bit counter that starts at a random block. Ids are unique within
 * an instance until the counter wraps after 2^48 ids, and ids of two instances collide only if
 * their random prefixes do. A request id needs no secrecy, so ids come 256 at a time from one
 * string built per block, and each id costs one slice of it instead of a `randomUUID` call.
 */
export class RequestIds {
  private readonly prefix = randomUUID().slice(0, 24);
  private blockNumber = Math.floor(Math.random() * BLOCK_COUNT);
  /** The current block's 256 ids back to back, 36 characters each. */
  private block = '';
  /** Ids handed out from the current block of 256. */
  private used = 256;

  next(): string {
    if (this.used === 256) {
      this.blockNumber = (this.blockNumber + 1) % BLOCK_COUNT;
      const stem = this.prefix + this.blockNumber.toString(16).padStart(10, '0');
      this.block = BYTE_HEX.map((last) => stem + last).join('');
      this.used = 0;
    }

    // A slice of one flat string is itself flat. A concatenation would give a rope, which
    // node:http's header check must flatten first, in a call into V8's runtime.
    const start = this.used * ID_LENGTH;
    this.used++;
    return this.block.slice(start, start + ID_LENGTH);
  }
}
