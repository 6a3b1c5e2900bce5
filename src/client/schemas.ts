import { z } from 'zod';
import type { AccessToken, Customer, CustomerToken } from './types.js';

// Token values are only checked for presence here. Their format (40 hex characters, JWT)
// is a monitor assertion, so a format change shows as a failed check, not a client error.

const unixSeconds = z.int().nonnegative();

export const accessTokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.literal('Bearer'),
  expires_in: z.int().nonnegative(),
  expires: unixSeconds,
  identifier: z.string().min(1),
});

export const customerTokenSchema = z.object({
  type: z.literal('token'),
  id: z.string().min(1),
  customer_id: z.string().min(1),
  token: z.string().min(1),
  expires: unixSeconds,
});

/** Body of `POST /v2/customers/tokens`, which wraps the token in `data`. */
export const customerTokenResponseSchema = z.object({ data: customerTokenSchema });

export const customerSchema = z.object({
  type: z.literal('customer'),
  id: z.string().min(1),
  name: z.string(),
  email: z.string(),
  password: z.boolean().optional(),
  authentication_mechanism: z.string().optional(),
});

/** Body of the customer create and get calls, which wrap the customer in `data`. */
export const customerResponseSchema = z.object({ data: customerSchema });

/** One entry of the JSON:API style error list, whose `status` is a number or a string. */
export const errorEntrySchema = z.object({
  status: z.union([z.number(), z.string()]).optional(),
  title: z.string(),
  detail: z.string().optional(),
});

/**
 * Error body in either form the API uses: `{"errors":[{status,title,detail}]}`, or the legacy
 * `{"status":false,"errors":"Forbidden"}`.
 */
export const errorBodySchema = z.union([
  z.object({ errors: z.array(errorEntrySchema).min(1) }),
  z.object({ status: z.literal(false), errors: z.string() }),
]);

export type ErrorBody = z.infer<typeof errorBodySchema>;

// Compile-time checks that the schemas produce the public interfaces.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatchTypes: [
  Same<z.infer<typeof accessTokenSchema>, AccessToken>,
  Same<z.infer<typeof customerTokenSchema>, CustomerToken>,
  Same<z.infer<typeof customerSchema>, Customer>,
] = [true, true, true];
void schemasMatchTypes;
