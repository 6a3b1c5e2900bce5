import { unixSeconds } from './expiring-map.js';
import { TOKEN_WORDS, TokenSegment } from './token-segment.js';

const TOKEN_LENGTH = TOKEN_WORDS * 8;
/** Entries in the smallest segment. */
const MIN_SEGMENT = 1024;
/**
 * Entries in the largest segment, 2^18, whose index takes 2 MiB. Each issue writes one random
 * slot of the newest index. In a loop of 4 million issues, each took about 1.6 times as long
 * once indexes grew past 16 MiB. A lookup probes up to 256 segments in a full table.
 */
const MAX_SEGMENT = 2 ** 18;
/**
 * Maximum entries in all segments together, 2^26: 2.5 GiB of typed arrays at 40 bytes each.
 * Expired tokens keep their entries until their segment empties, so with tokens expiring the
 * table can fill before 2^26 are live. A full table throws `TokenTableFullError`, and the
 * token route turns that into a 503.
 */
const MAX_ENTRIES = 2 ** 26;

/** Thrown when a new token would take the table past its maximum number of entries. */
export class TokenTableFullError extends Error {
  constructor(live: number) {
    super(`access token table is full at ${live} tokens`);
    this.name = 'TokenTableFullError';
  }
}

/** Client and grant kind of the access tokens that share an owner id. */
export interface TokenOwner<Kind extends string> {
  readonly clientId: string;
  readonly kind: Kind;
}

/** A live token's owner and expiry. */
export interface TokenEntry<Kind extends string> extends TokenOwner<Kind> {
  /** Unix seconds. The token is valid while `floor(now / 1000) < expires`. */
  readonly expires: number;
}

/** Returns the value of one lowercase hex digit, or -1 for any other character code. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/**
 * Parses 40 lowercase hex characters into 20 `bytes`, whose buffer a caller reads as five
 * 32-bit words in the host's byte order, as `RandomHexPool` writes them. Returns false for any
 * other string.
 */
function parseToken(token: string, bytes: Uint8Array): boolean {
  if (token.length !== TOKEN_LENGTH) return false;

  for (let byte = 0; byte < TOKEN_LENGTH / 2; byte++) {
    const high = hexDigit(token.charCodeAt(byte * 2));
    const low = hexDigit(token.charCodeAt(byte * 2 + 1));
    if (high < 0 || low < 0) return false;
    bytes[byte] = high * 16 + low;
  }
  return true;
}

function isExpired(expires: number, nowMs: number): boolean {
  return unixSeconds(nowMs) >= expires;
}

/** Returns the smallest power of two at least `value`. */
function powerOfTwoAtLeast(value: number): number {
  return 2 ** Math.ceil(Math.log2(value));
}

/**
 * Access tokens by value, in typed arrays that the garbage collector never scans. Under load
 * every issued token outlives many young-generation collections, and a Map of strings makes
 * each of those copy the new tokens and then makes the old generation grow: the pauses showed
 * in the sandbox's p99 latency. A V8 Map also stops at 2^24 entries.
 *
 * Tokens go into segments in issue order. When the newest segment is full, a new one starts
 * with room for as many tokens as are held, up to `MAX_SEGMENT`. So growth never rehashes or
 * copies a token. A segment is dropped once it is full and empty. With one lifetime and a
 * clock that only moves forward the oldest token is the next to expire, so `pruneFront` is
 * amortised constant time. A clock moved backwards or a changed lifetime breaks that order,
 * but `get` still rejects expired tokens and `pruneAll` sweeps the rest. A lookup probes each
 * segment's index, newest first.
 */
export class AccessTokenTable<Kind extends string> {
  private readonly minSegment: number;
  private readonly maxEntries: number;
  private readonly maxSegment: number;
  /** Oldest first. */
  private segments: TokenSegment[] = [];
  private entries = 0;
  private live = 0;
  private readonly owners: TokenOwner<Kind>[] = [];
  private readonly ownerIdsByKey = new Map<string, number>();
  private lastOwner: TokenOwner<Kind> | undefined;
  private lastOwnerId = 0;
  /** Scratch space for the token being stored or looked up, as words and as bytes. */
  private readonly probe = new Uint32Array(TOKEN_WORDS);
  private readonly probeBytes = new Uint8Array(this.probe.buffer);

  /**
   * Starts segments at `minSegment` entries, a power of two, grows them up to `maxSegment`
   * entries (or `minSegment` if larger), and allows `maxEntries` entries in all segments
   * together. Tests use small values.
   */
  constructor(minSegment = MIN_SEGMENT, maxEntries = MAX_ENTRIES, maxSegment = MAX_SEGMENT) {
    const powerOfTwo = Number.isInteger(minSegment) && minSegment >= 1;
    if (!powerOfTwo || powerOfTwoAtLeast(minSegment) !== minSegment || minSegment > MAX_ENTRIES) {
      throw new RangeError(`minSegment must be a power of two up to ${MAX_ENTRIES}`);
    }
    this.minSegment = minSegment;
    this.maxEntries = maxEntries;
    this.maxSegment = Math.max(minSegment, maxSegment);
  }

  /** Tokens held, live or expired, until a prune or a lookup removes them. */
  get size(): number {
    return this.live;
  }

  /**
   * Adds a token issued by `RandomHexPool`. Throws for any other format, and throws
   * `TokenTableFullError` for a full table.
   */
  set(token: string, clientId: string, kind: Kind, expires: number): void {
    if (!parseToken(token, this.probeBytes)) {
      throw new Error('access token must be 40 lowercase hex characters');
    }
    this.setWords(this.probe, clientId, kind, expires);
  }

  /**
   * Adds a token given as the five words that `RandomHexPool.next` copies out, which saves
   * parsing its text. Throws `TokenTableFullError` for a full table.
   */
  setWords(words: Uint32Array, clientId: string, kind: Kind, expires: number): void {
    let segment = this.segments.at(-1);
    if (segment === undefined || segment.full) segment = this.addSegment();
    segment.append(words, this.ownerId(clientId, kind), expires);
    this.live++;
  }

  /** Returns a live token's owner and expiry, and deletes the token if it has expired. */
  get(token: string, nowMs: number): TokenEntry<Kind> | undefined {
    if (!parseToken(token, this.probeBytes)) return undefined;

    for (let index = this.segments.length - 1; index >= 0; index--) {
      const segment = this.segments[index] as TokenSegment;
      const position = segment.find(this.probe);
      if (position < 0) continue;

      const expires = segment.expiresAt(position);
      if (isExpired(expires, nowMs)) {
        this.remove(segment, position);
        this.dropEmptySegments();
        return undefined;
      }
      const owner = this.owners[segment.ownerIdAt(position)] as TokenOwner<Kind>;
      return { clientId: owner.clientId, kind: owner.kind, expires };
    }
    return undefined;
  }

  /** Deletes expired tokens from the oldest on and stops at the first live one. */
  pruneFront(nowMs: number): void {
    for (;;) {
      const segment = this.segments[0];
      if (segment === undefined) return;

      while (segment.head < segment.fill) {
        const position = segment.head;
        if (!segment.isRemoved(position)) {
          if (!isExpired(segment.expiresAt(position), nowMs)) return;
          this.remove(segment, position);
        }
        segment.head++;
      }
      if (!segment.full) return;
      this.dropSegment(0);
    }
  }

  /**
   * Deletes every expired token and returns how many went. Segments whose earliest expiry is
   * still ahead are skipped, so a sweep of a table of live tokens stays short.
   */
  pruneAll(nowMs: number): number {
    return this.deleteWhere(
      (segment, position) => isExpired(segment.expiresAt(position), nowMs),
      (segment) => isExpired(segment.earliestExpiry, nowMs),
    );
  }

  /** Deletes every token of one client and returns how many went. */
  deleteClient(clientId: string): number {
    return this.deleteWhere((segment, position) => {
      return this.owners[segment.ownerIdAt(position)]?.clientId === clientId;
    });
  }

  clear(): void {
    this.segments = [];
    this.entries = 0;
    this.live = 0;
  }

  /**
   * Starts a segment with room for at least the tokens held, or for what is left below
   * `maxEntries` when that is less, and throws when not even `minSegment` entries are left.
   */
  private addSegment(): TokenSegment {
    const room = this.maxEntries - this.entries;
    const forLive = Math.max(this.minSegment, powerOfTwoAtLeast(this.live + 1));
    let capacity = Math.min(this.maxSegment, forLive);
    if (capacity > room) capacity = 2 ** Math.floor(Math.log2(Math.max(room, 1)));
    if (capacity < this.minSegment || capacity > room) throw new TokenTableFullError(this.live);

    const segment = new TokenSegment(capacity);
    this.segments.push(segment);
    this.entries += capacity;
    return segment;
  }

  /** Returns the id of an owner, adding it the first time. Clients are few, so ids are too. */
  private ownerId(clientId: string, kind: Kind): number {
    const last = this.lastOwner;
    if (last?.clientId === clientId && last.kind === kind) return this.lastOwnerId;

    const key = `${kind} ${clientId}`;
    let id = this.ownerIdsByKey.get(key);
    if (id === undefined) {
      id = this.owners.length;
      this.owners.push({ clientId, kind });
      this.ownerIdsByKey.set(key, id);
    }
    this.lastOwner = this.owners[id];
    this.lastOwnerId = id;
    return id;
  }

  private remove(segment: TokenSegment, position: number): void {
    segment.remove(position);
    this.live--;
  }

  private deleteWhere(
    matches: (segment: TokenSegment, position: number) => boolean,
    mayMatch: (segment: TokenSegment) => boolean = () => true,
  ): number {
    let removed = 0;
    for (const segment of this.segments) {
      if (!mayMatch(segment)) continue;
      for (let position = segment.head; position < segment.fill; position++) {
        if (segment.isRemoved(position) || !matches(segment, position)) continue;
        this.remove(segment, position);
        removed++;
      }
    }
    this.dropEmptySegments();
    return removed;
  }

  /** Drops every full segment whose tokens are all gone. */
  private dropEmptySegments(): void {
    for (let index = this.segments.length - 1; index >= 0; index--) {
      const segment = this.segments[index] as TokenSegment;
      if (segment.full && segment.live === 0) this.dropSegment(index);
    }
  }

  private dropSegment(index: number): void {
    const [segment] = this.segments.splice(index, 1);
    this.entries -= segment?.capacity ?? 0;
  }
}
