import { createHmac, timingSafeEqual } from 'node:crypto';

export type SegmentEncoding = 'base64' | 'base64url';

/** Claims of a customer token, as seen in real samples. */
export interface CustomerTokenClaims {
  sub: string;
  name: string;
  iat: number;
  exp: number;
  jti: string;
}

const HEADER = { alg: 'HS256', typ: 'JWT' };

function encodeSegment(data: Buffer | string, encoding: SegmentEncoding): string {
  return Buffer.from(data).toString(encoding);
}

function sign(signingInput: string, key: Buffer, encoding: SegmentEncoding): string {
  return createHmac('sha256', key).update(signingInput).digest(encoding);
}

/**
 * Signs an HS256 JWT. Real samples use padded standard base64 for the segments, which RFC 7519
 * does not allow, so `encoding` picks between that and base64url.
 */
export function signJwt(
  claims: CustomerTokenClaims,
  key: Buffer,
  encoding: SegmentEncoding,
): string {
  const header = encodeSegment(JSON.stringify(HEADER), encoding);
  const payload = encodeSegment(JSON.stringify(claims), encoding);
  const signingInput = `${header}.${payload}`;
  return `${signingInput}.${sign(signingInput, key, encoding)}`;
}

/**
 * Verifies an HS256 JWT in either segment encoding and returns its claims, or `undefined`
 * when the token is malformed or its signature does not match. Expiry is the caller's check.
 */
export function verifyJwt(token: string, key: Buffer): CustomerTokenClaims | undefined {
  const segments = token.split('.');
  if (segments.length !== 3) return undefined;

  const [header = '', payload = '', signature = ''] = segments;
  const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
  // Node's base64 decoder also reads the base64url alphabet, so one decode fits both encodings.
  const received = Buffer.from(signature, 'base64');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) return undefined;

  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    return isClaims(claims) ? claims : undefined;
  } catch {
    return undefined;
  }
}

function isClaims(value: unknown): value is CustomerTokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  return (
    typeof claims.sub === 'string' &&
    typeof claims.jti === 'string' &&
    typeof claims.iat === 'number' &&
    typeof claims.exp === 'number'
  );
}
