import type { RateLimit } from './types.js';

/**
 * Fixed one-second windows per client id, aligned to whole seconds of the sandbox clock. The
 * counts of a past window are dropped when a new one starts, so memory stays bounded by the
 * client ids seen within one second.
 */
export class RateLimiter {
  private limit: RateLimit | undefined;
  private windowSecond = Number.NEGATIVE_INFINITY;
  private readonly counts = new Map<string, number>();

  constructor(limit: RateLimit | undefined) {
    this.limit = limit;
  }

  set(limit: RateLimit | undefined): void {
    this.limit = limit;
    this.counts.clear();
  }

  get(): RateLimit | undefined {
    return this.limit;
  }

  /** Counts one request for `clientId` and returns false when it is over the limit. */
  allow(clientId: string, nowMs: number): boolean {
    if (this.limit === undefined) return true;

    const second = Math.floor(nowMs / 1000);
    if (second !== this.windowSecond) {
      this.windowSecond = second;
      this.counts.clear();
    }

    const count = (this.counts.get(clientId) ?? 0) + 1;
    this.counts.set(clientId, count);
    return count <= this.limit.requestsPerSecond;
  }
}
