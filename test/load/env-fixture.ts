import type { JourneyName } from '../../load/lib/catalog.js';
import { type LoadSettings, readSettings } from '../../load/lib/settings.js';

/** Fake credentials for a target that exists only inside the recording fake. */
export const FAKE_ENV = Object.freeze({
  MOLTIN_BASE_URL: 'http://api.fake.invalid',
  MOLTIN_CLIENT_ID: 'client-load',
  MOLTIN_CLIENT_SECRET: 'secret value&with=symbols',
  MOLTIN_CUSTOMER_EMAIL: 'load@example.com',
  MOLTIN_CUSTOMER_PASSWORD: 'pass word',
});

export function settingsFor(journey: JourneyName, env: Record<string, string> = {}): LoadSettings {
  return readSettings({ ...FAKE_ENV, LOAD_SCENARIO: 'throughput', ...env }, journey);
}
