import { PACTICIPANT_PROVIDER } from '../../src/contracts/marks.js';

/**
 * Example values written into the pact files. Each is obviously fake, so a pact file can be
 * committed and shared. The verifier swaps them for real values where a provider needs them.
 */
export const PACTICIPANTS = Object.freeze({
  consumer: 'token-harness',
  provider: PACTICIPANT_PROVIDER,
});

export const EXAMPLE = Object.freeze({
  clientId: 'example-client-id',
  clientSecret: 'example-client-secret',
  wrongClientSecret: 'example-wrong-secret',
  /** A valid-looking access token: 40 lowercase hexadecimal characters. */
  accessToken: '0123456789abcdef0123456789abcdef01234567',
  /** An access token the provider never issued. */
  unknownAccessToken: 'ffffffffffffffffffffffffffffffffffffffff',
  /** The access token a client sends as `refresh_token`. */
  refreshToken: 'abcdef0123456789abcdef0123456789abcdef01',
  customer: Object.freeze({
    name: 'Example Customer',
    email: 'pact-customer@example.com',
    password: 'example-password',
  }),
  wrongPassword: 'example-wrong-password',
  customerId: '00000000-0000-4000-8000-000000000001',
  customerTokenId: '00000000-0000-4000-8000-000000000002',
  /** An HS256 JWT with fake claims and the signature `signature`. */
  customerToken:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.' +
    'eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDEiLCJuYW1lIjoiRXhhbXBsZSJ9.' +
    'c2lnbmF0dXJl',
  /** 2100-01-01T00:00:00Z in Unix seconds: fixed so pact files stay the same between runs. */
  expires: 4_102_444_800,
});

/** Every example a secret scan of the pact files accepts although it looks like a token. */
export const EXAMPLE_TOKEN_VALUES: readonly string[] = Object.freeze([
  EXAMPLE.accessToken,
  EXAMPLE.unknownAccessToken,
  EXAMPLE.refreshToken,
  EXAMPLE.customerToken,
]);
