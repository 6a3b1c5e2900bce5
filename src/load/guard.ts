import { STORE_RATE_LIMITS, type StoreTier } from '../../load/lib/catalog.js';

/** Raised when a load run would hit a non-local target without `--allow-live`. */
export class LiveTargetError extends Error {
  override name = 'LiveTargetError';
  readonly code = 'E_LIVE_TARGET';

  constructor(readonly target: string) {
    super(
      `${target} is not a local address, and a load run against it needs --allow-live; ` +
        'the run would then be capped at the store rate limit (see --store-tier and --max-rps)',
    );
  }
}

export interface GuardRequest {
  baseUrl: string;
  allowLive: boolean;
  storeTier: StoreTier;
  /** Explicit requests-per-second cap; replaces the store limit when given. */
  maxRps: number | undefined;
}

export interface GuardDecision {
  local: boolean;
  /** Requests per second the run may send; `undefined` means uncapped. */
  maxRps: number | undefined;
  /** Source of the cap, for the log. */
  capSource: 'flag' | 'store-tier' | 'none';
}

const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** True for `localhost`, 127.0.0.0/8 and `::1`, the only hosts a load run may hit freely. */
export function isLocalTarget(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || LOOPBACK_V4.test(host);
}

/**
 * Decides whether a run may start and at what request rate. A live store enforces 25
 * requests/s (development) or 100 (production) and returns 429 beyond it, so a run against
 * it is capped there unless `--max-rps` sets another cap on purpose.
 */
export function guardTarget(request: GuardRequest): GuardDecision {
  const local = isLocalTarget(request.baseUrl);

  if (!local && !request.allowLive) {
    throw new LiveTargetError(request.baseUrl);
  }

  if (request.maxRps !== undefined) {
    return { local, maxRps: request.maxRps, capSource: 'flag' };
  }
  if (local) {
    return { local, maxRps: undefined, capSource: 'none' };
  }
  return { local, maxRps: STORE_RATE_LIMITS[request.storeTier], capSource: 'store-tier' };
}
