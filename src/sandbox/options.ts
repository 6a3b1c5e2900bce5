import { randomBytes } from 'node:crypto';
import type { LoggerOptions } from 'pino';
import { z } from 'zod';
import { SANDBOX_BEHAVIOUR_DEFAULTS, type SandboxBehaviour } from './behaviour.js';
import {
  DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS,
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_CUSTOMER_TOKEN_LIFETIME_SECONDS,
  DEFAULT_PRUNE_INTERVAL_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  SANDBOX_DEFAULTS,
} from './defaults.js';
import { faultSchema } from './faults.js';
import type {
  Clock,
  Fault,
  Profile,
  RateLimit,
  SandboxClientSeed,
  SandboxCustomerSeed,
  SandboxOptions,
} from './types.js';

/** Raised by `startSandbox` with every invalid option, one per line. */
export class SandboxOptionsError extends Error {
  override name = 'SandboxOptionsError';
  readonly code = 'E_SANDBOX_OPTIONS';

  constructor(readonly problems: string[]) {
    super(`invalid sandbox options:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const errorStatus = z.number().int().min(400).max(599);
const positiveSeconds = z.number().int().min(1);

export const profileSchema = z.enum(['current', 'legacy']);
export const rateLimitSchema = z.object({ requestsPerSecond: z.number().int().min(1) }).strict();

export const customerSeedSchema = z
  .object({ name: z.string().min(1), email: z.string().min(3), password: z.string().min(1) })
  .strict();

const behaviourSchema = z
  .object({
    wrongCredentialsStatus: errorStatus.nullable(),
    jsonBodyStatus: errorStatus,
    acceptTrailingSlash: z.boolean(),
    lenientBearerColon: z.boolean(),
    refreshGrant: z.boolean(),
    refreshIdentifier: z.string().min(1),
    invalidRefreshTokenStatus: errorStatus,
    revokeEarlierTokensOnIssue: z.boolean(),
    customerLoginFailureStatus: errorStatus,
    missingFieldStatus: errorStatus,
    duplicateEmailStatus: errorStatus,
    jwtSegmentEncoding: z.enum(['base64', 'base64url']),
    errorStatusType: z.enum(['number', 'string']),
    corsOnErrors: z.boolean(),
    caseInsensitiveEmail: z.boolean(),
  })
  .strict()
  .partial();

const isFunction = (value: unknown) => typeof value === 'function';

const optionsSchema = z
  .object({
    host: z.string().min(1).optional(),
    port: z.number().int().min(0).max(65_535).optional(),
    profile: profileSchema.optional(),
    clock: z
      .custom<Clock>(
        (value) => isFunction((value as Clock | undefined)?.now),
        'needs a now() method',
      )
      .optional(),
    random: z.custom<() => number>(isFunction, 'must be a function').optional(),
    client: z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) }).optional(),
    customer: customerSeedSchema.optional(),
    accessTokenLifetimeSeconds: positiveSeconds.optional(),
    customerTokenLifetimeSeconds: positiveSeconds.optional(),
    rateLimit: rateLimitSchema.optional(),
    faults: z.array(faultSchema).optional(),
    behaviour: behaviourSchema.optional(),
    bodyLimitBytes: z.number().int().min(1024).optional(),
    customerTokenSigningKey: z.union([z.string().min(16), z.instanceof(Buffer)]).optional(),
    pruneIntervalMs: z.number().int().min(10).optional(),
    requestTimeoutMs: z.number().int().min(100).optional(),
    logger: z.union([z.boolean(), z.record(z.string(), z.unknown())]).optional(),
  })
  .strict();

/** Options after validation, with every default filled in. */
export interface ResolvedOptions {
  host: string;
  port: number;
  profile: Profile;
  clock: Clock;
  random: () => number;
  client: SandboxClientSeed;
  customer: SandboxCustomerSeed;
  accessTokenLifetimeSeconds: number;
  customerTokenLifetimeSeconds: number;
  rateLimit: RateLimit | undefined;
  faults: readonly Fault[];
  behaviour: Readonly<SandboxBehaviour>;
  bodyLimitBytes: number;
  signingKey: Buffer;
  pruneIntervalMs: number;
  requestTimeoutMs: number;
  logger: boolean | LoggerOptions;
}

/** Formats zod issues as `path: message` lines. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/** Drops keys set to `undefined`, so they keep their defaults instead of erasing them. */
function definedOnly<T extends object>(values: T | undefined): Partial<T> {
  const entries = Object.entries(values ?? {}).filter(([, value]) => value !== undefined);
  return Object.fromEntries(entries) as Partial<T>;
}

/** Validates the caller's options, collecting every problem, and fills in defaults. */
export function resolveOptions(options: SandboxOptions = {}): Readonly<ResolvedOptions> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new SandboxOptionsError(describeIssues(parsed.error));

  const key = options.customerTokenSigningKey;

  return Object.freeze({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    profile: options.profile ?? 'current',
    clock: options.clock ?? { now: () => Date.now() },
    random: options.random ?? Math.random,
    client: {
      clientId: options.client?.clientId ?? SANDBOX_DEFAULTS.clientId,
      clientSecret: options.client?.clientSecret ?? SANDBOX_DEFAULTS.clientSecret,
    },
    customer: { ...(options.customer ?? SANDBOX_DEFAULTS.customer) },
    accessTokenLifetimeSeconds:
      options.accessTokenLifetimeSeconds ?? DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS,
    customerTokenLifetimeSeconds:
      options.customerTokenLifetimeSeconds ?? DEFAULT_CUSTOMER_TOKEN_LIFETIME_SECONDS,
    rateLimit: options.rateLimit ? { ...options.rateLimit } : undefined,
    faults: Object.freeze((options.faults ?? []).map((fault) => ({ ...fault }))),
    behaviour: Object.freeze({ ...SANDBOX_BEHAVIOUR_DEFAULTS, ...definedOnly(options.behaviour) }),
    bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    signingKey: key === undefined ? randomBytes(32) : Buffer.from(key),
    pruneIntervalMs: options.pruneIntervalMs ?? DEFAULT_PRUNE_INTERVAL_MS,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    logger: options.logger ?? false,
  });
}
