// Names shared by the k6 scripts and the launcher. This module imports nothing from k6, so
// Node code can read it too.

/** Load shapes selectable with `LOAD_SCENARIO`. */
export const SCENARIOS = ['smoke', 'throughput', 'ramp', 'spike', 'soak'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** Journeys, one bundled script each (`load/dist/<journey>.js`). */
export const JOURNEYS = ['client-credentials', 'implicit', 'refresh', 'customer-token'] as const;
export type JourneyName = (typeof JOURNEYS)[number];

/** Request steps. Each has its own duration Trend named `<step>_duration`. */
export const STEPS = [
  'issue_client_credentials',
  'issue_implicit',
  'refresh_token',
  'customer_token',
] as const;
export type StepName = (typeof STEPS)[number];

/** Value of the `grant` tag on every request. */
export type GrantName = 'client_credentials' | 'implicit' | 'refresh_token' | 'password';

export interface JourneyShape {
  /** Steps the journey can send, for per-step thresholds. */
  steps: readonly StepName[];
  /**
   * Most requests one iteration sends. Converts a requests-per-second cap into an
   * iterations-per-second cap.
   */
  maxRequestsPerIteration: number;
}

export const JOURNEY_SHAPES: Readonly<Record<JourneyName, JourneyShape>> = {
  'client-credentials': { steps: ['issue_client_credentials'], maxRequestsPerIteration: 1 },
  implicit: { steps: ['issue_implicit'], maxRequestsPerIteration: 1 },
  refresh: { steps: ['issue_client_credentials', 'refresh_token'], maxRequestsPerIteration: 2 },
  // The implicit token is renewed only near its expiry, so most iterations send one request.
  'customer-token': { steps: ['issue_implicit', 'customer_token'], maxRequestsPerIteration: 2 },
};

/** Documented store rate limits in requests per second. */
export const STORE_RATE_LIMITS = Object.freeze({ development: 25, production: 100 });
export type StoreTier = keyof typeof STORE_RATE_LIMITS;

export function isScenarioName(value: string): value is ScenarioName {
  return (SCENARIOS as readonly string[]).indexOf(value) >= 0;
}

export function isJourneyName(value: string): value is JourneyName {
  return (JOURNEYS as readonly string[]).indexOf(value) >= 0;
}
