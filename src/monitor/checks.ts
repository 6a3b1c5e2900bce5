import type { AccessToken, Customer, CustomerToken } from '../client/index.js';
import { type Assertion, equals, sameAs, statusIs } from './assertion.js';
import type { StepOperation } from './definition.js';
import { jwtClaimEquals, jwtFormat, jwtLifetime } from './jwt.js';
import {
  accessTokenFormat,
  clockSkewWithin,
  expiresInFuture,
  expiresInIsLifetime,
} from './token-assertions.js';

/** The requests monitor steps send, as the OpenAPI document names their paths. */
export const OPERATIONS = Object.freeze({
  accessToken: { method: 'POST', path: '/oauth/access_token' },
  customerToken: { method: 'POST', path: '/v2/customers/tokens', envelope: 'data' },
  getCustomer: (id: string): StepOperation => ({
    method: 'GET',
    path: `/v2/customers/${encodeURIComponent(id)}`,
    envelope: 'data',
  }),
} satisfies Record<string, StepOperation | ((id: string) => StepOperation)>);

/** Checks every access token response gets; `identifier` is the grant that issued it. */
export function accessTokenChecks(identifier: string): Assertion<AccessToken>[] {
  return [
    statusIs(200),
    equals('token_type', (response) => response.body.token_type, 'Bearer'),
    equals('identifier', (response) => response.body.identifier, identifier),
    accessTokenFormat(),
    expiresInIsLifetime(),
    expiresInFuture((response) => response.body.expires),
    clockSkewWithin(
      (response) => response.body.expires,
      (response) => response.body.expires_in,
    ),
  ];
}

/** Checks of a customer login, including the claims of its JWT. */
export function customerTokenChecks(): Assertion<CustomerToken>[] {
  const token = (response: { body: CustomerToken }) => response.body.token;

  return [
    statusIs(200),
    equals('data.type', (response) => response.body.type, 'token'),
    expiresInFuture((response) => response.body.expires),
    jwtFormat(token),
    jwtLifetime(token),
    jwtClaimEquals('sub', token, (response) => response.body.customer_id, 'data.customer_id'),
    jwtClaimEquals('exp', token, (response) => response.body.expires, 'data.expires'),
    jwtClaimEquals('jti', token, (response) => response.body.id, 'data.id'),
  ];
}

/** Checks that a customer read returned the customer that was asked for. */
export function customerChecks(id: string): Assertion<Customer>[] {
  return [
    statusIs(200),
    sameAs(
      'data.id',
      (response) => response.body.id,
      () => id,
      'the requested id',
    ),
  ];
}
