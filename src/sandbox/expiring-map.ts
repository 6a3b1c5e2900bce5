/** Unix seconds of an epoch-milliseconds time, as the API counts `expires`. */
export function unixSeconds(nowMs: number): number {
  return Math.floor(nowMs / 1000);
}

function isExpired(record: { expires: number }, nowMs: number): boolean {
  return unixSeconds(nowMs) >= record.expires;
}

/**
 * Records by key that expire at a Unix second. A Map keeps insertion order, and with one
 * lifetime and a clock that only moves forward that is also expiry order, so `pruneFront`
 * drops expired records from the front in amortised constant time. A clock moved backwards or
 * a changed lifetime breaks that order, but `get` still rejects expired records and
 * `pruneAll` sweeps the rest.
 */
export class ExpiringMap<T extends { readonly expires: number }> {
  private readonly records = new Map<string, T>();
  /**
   * Expiry of the record that `pruneFront` last stopped at, or -Infinity after any deletion.
   * While it is set, that record is still at the front, so `pruneFront` can skip the walk
   * (and the iterator it allocates) until the clock reaches it.
   */
  private frontExpires = Number.NEGATIVE_INFINITY;

  get size(): number {
    return this.records.size;
  }

  set(key: string, record: T): void {
    this.records.set(key, record);
  }

  /** Returns a live record and deletes the record if it has expired. */
  get(key: string, nowMs: number): T | undefined {
    const record = this.records.get(key);
    if (record === undefined) return undefined;

    if (isExpired(record, nowMs)) {
      this.delete(key);
      return undefined;
    }
    return record;
  }

  /** Deletes expired records from the oldest on and stops at the first live one. */
  pruneFront(nowMs: number): void {
    if (unixSeconds(nowMs) < this.frontExpires) return;

    for (const [key, record] of this.records) {
      if (!isExpired(record, nowMs)) {
        this.frontExpires = record.expires;
        return;
      }
      this.records.delete(key);
    }
    this.frontExpires = Number.NEGATIVE_INFINITY;
  }

  /** Deletes every expired record and returns how many went. */
  pruneAll(nowMs: number): number {
    return this.deleteWhere((record) => isExpired(record, nowMs));
  }

  /** Deletes every record that matches and returns how many went. */
  deleteWhere(matches: (record: T) => boolean): number {
    let removed = 0;
    for (const [key, record] of this.records) {
      if (matches(record)) {
        this.delete(key);
        removed++;
      }
    }
    return removed;
  }

  clear(): void {
    this.records.clear();
    this.frontExpires = Number.NEGATIVE_INFINITY;
  }

  private delete(key: string): void {
    this.records.delete(key);
    this.frontExpires = Number.NEGATIVE_INFINITY;
  }
}
