/** 32-bit words in one token: 20 random bytes, written as 40 lowercase hex characters. */
export const TOKEN_WORDS = 5;
/** Owner id of an entry whose token was removed. */
const REMOVED = -1;

/**
 * A fixed number of access tokens in typed arrays, appended in issue order and never moved.
 * An open-addressing index with linear probing and twice as many slots as entries finds an
 * entry from the token's first word, which is random, so the index needs no hash function.
 */
export class TokenSegment {
  readonly capacity: number;
  /** Entries appended so far; the segment is full at `capacity`. */
  fill = 0;
  /** First entry that `pruneFront` has not passed yet. */
  head = 0;
  /** Entries appended and not removed. */
  live = 0;
  /** Earliest expiry ever appended, kept after removals, so a sweep can skip the segment. */
  earliestExpiry = Number.POSITIVE_INFINITY;
  private readonly words: Uint32Array;
  private readonly expiries: Float64Array;
  /** Owner id per entry, or `REMOVED`. */
  private readonly ownerIds: Int32Array;
  /** Entry position + 1 per index slot, 0 for an empty slot. */
  private readonly slots: Uint32Array;
  private readonly mask: number;

  /** `capacity` must be a power of two, so that a token's first word masks to a slot. */
  constructor(capacity: number) {
    this.capacity = capacity;
    this.words = new Uint32Array(capacity * TOKEN_WORDS);
    this.expiries = new Float64Array(capacity);
    this.ownerIds = new Int32Array(capacity);
    this.slots = new Uint32Array(capacity * 2);
    this.mask = capacity * 2 - 1;
  }

  get full(): boolean {
    return this.fill === this.capacity;
  }

  /** Appends a token given as five words. The caller checks `full` first. */
  append(token: Uint32Array, ownerId: number, expires: number): void {
    const position = this.fill;
    // Plain stores, because `set` showed in CPU profiles with a generic path costly for five words.
    const first = position * TOKEN_WORDS;
    const words = this.words;
    words[first] = token[0] as number;
    words[first + 1] = token[1] as number;
    words[first + 2] = token[2] as number;
    words[first + 3] = token[3] as number;
    words[first + 4] = token[4] as number;
    this.expiries[position] = expires;
    if (expires < this.earliestExpiry) this.earliestExpiry = expires;
    this.ownerIds[position] = ownerId;
    this.fill++;
    this.live++;

    let slot = (token[0] as number) & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = position + 1;
  }

  /** Returns the position of the entry holding `token`, or -1. */
  find(token: Uint32Array): number {
    for (let slot = (token[0] as number) & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = this.slots[slot] as number;
      if (stored === 0) return -1;
      if (this.holds(stored - 1, token)) return stored - 1;
    }
  }

  isRemoved(position: number): boolean {
    return this.ownerIds[position] === REMOVED;
  }

  ownerIdAt(position: number): number {
    return this.ownerIds[position] as number;
  }

  expiresAt(position: number): number {
    return this.expiries[position] as number;
  }

  /** Marks an entry removed and takes it out of the index. The entry must not be removed yet. */
  remove(position: number): void {
    let slot = this.home(position);
    while (this.slots[slot] !== position + 1) slot = (slot + 1) & this.mask;

    this.deleteSlot(slot);
    this.ownerIds[position] = REMOVED;
    this.live--;
  }

  private holds(position: number, token: Uint32Array): boolean {
    const base = position * TOKEN_WORDS;
    for (let word = 0; word < TOKEN_WORDS; word++) {
      if (this.words[base + word] !== token[word]) return false;
    }
    return true;
  }

  private home(position: number): number {
    return (this.words[position * TOKEN_WORDS] as number) & this.mask;
  }

  /**
   * Empties an index slot by backward-shift deletion. Each later entry of the same probe run
   * moves into the gap unless its home slot lies cyclically after the gap. So every lookup
   * still meets its entry before an empty slot, and no tombstones build up.
   */
  private deleteSlot(slot: number): void {
    let gap = slot;
    let next = slot;

    for (;;) {
      next = (next + 1) & this.mask;
      const stored = this.slots[next] as number;
      if (stored === 0) break;

      const home = this.home(stored - 1);
      const staysPut = gap <= next ? gap < home && home <= next : gap < home || home <= next;
      if (staysPut) continue;

      this.slots[gap] = stored;
      gap = next;
    }
    this.slots[gap] = 0;
  }
}
