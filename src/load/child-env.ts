import type { Credentials } from '../config.js';

/** Variables of this process that k6 may see: what it needs to run, and its own settings. */
const PASSED_THROUGH = [
  'PATH',
  'HOME',
  'TMPDIR',
  'TEMP',
  'TMP',
  'LANG',
  'LC_ALL',
  'TZ',
  'SystemRoot',
];

export interface ChildEnvRequest {
  parent: Record<string, string | undefined>;
  baseUrl: string;
  credentials: Credentials;
  /** `LOAD_*` settings from flags; they win over the same names in the parent environment. */
  load: Record<string, string>;
}

/**
 * Builds k6's whole environment. Target and credentials travel here, never as `-e` flags,
 * because command lines are logged and visible to other users in the process table. Other
 * variables of this process stay out, so k6's `__ENV` contains no unrelated secrets.
 */
export function buildChildEnv(request: ChildEnvRequest): Record<string, string> {
  const env: Record<string, string> = {};

  for (const [name, value] of Object.entries(request.parent)) {
    const passed = PASSED_THROUGH.includes(name) || /^(K6|LOAD)_/.test(name);
    if (passed && value !== undefined) {
      env[name] = value;
    }
  }

  Object.assign(env, request.load, {
    MOLTIN_BASE_URL: request.baseUrl,
    MOLTIN_CLIENT_ID: request.credentials.clientId,
    MOLTIN_CLIENT_SECRET: request.credentials.clientSecret,
    MOLTIN_CUSTOMER_EMAIL: request.credentials.customerEmail,
    MOLTIN_CUSTOMER_PASSWORD: request.credentials.customerPassword,
    // k6 otherwise sends an anonymous usage report to reports.k6.io after each run.
    K6_NO_USAGE_REPORT: 'true',
  });
  delete env.K6_BIN;

  return env;
}
