import fc from 'fast-check';

// Generators of malformed, mis-typed and hostile parts of a request to the sandbox.

/** A sandbox route: its path (`{id}` is a customer id) and the methods it serves. */
export interface Route {
  path: string;
  methods: readonly string[];
  /** Whether the route needs a bearer access token. */
  bearer: boolean;
}

export const ROUTES: readonly Route[] = [
  { path: '/oauth/access_token', methods: ['POST'], bearer: false },
  { path: '/oauth/access_token/', methods: ['POST'], bearer: false },
  { path: '/v2/customers/tokens', methods: ['POST'], bearer: true },
  { path: '/v2/customers', methods: ['POST'], bearer: true },
  { path: '/v2/customers/{id}', methods: ['GET', 'DELETE'], bearer: true },
  { path: '/__admin/health', methods: ['GET'], bearer: false },
  { path: '/__admin/faults', methods: ['GET', 'PUT', 'DELETE'], bearer: false },
  { path: '/__admin/rate-limit', methods: ['PUT'], bearer: false },
  { path: '/__admin/profile', methods: ['PUT'], bearer: false },
  { path: '/__admin/reset', methods: ['POST'], bearer: false },
  { path: '/__admin/prune', methods: ['POST'], bearer: false },
  { path: '/__admin/clients', methods: ['POST'], bearer: false },
  { path: '/__admin/customers', methods: ['GET', 'POST', 'DELETE'], bearer: false },
];

/** Methods Node's HTTP parser accepts, served or not, in upper and lower case. */
export const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
  'SEARCH',
  'MKCOL',
  'post',
  'Get',
] as const;

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

const CONTENT_TYPES = [
  FORM,
  JSON_TYPE,
  `${FORM}; charset=iso-8859-1`,
  `${JSON_TYPE}; charset=utf-16`,
  `${JSON_TYPE};charset=`,
  'APPLICATION/JSON',
  'Application/X-WWW-Form-Urlencoded',
  `${JSON_TYPE}, ${FORM}`,
  'application/vnd.api+json',
  'multipart/form-data; boundary=----x',
  'text/plain',
  'application/xml',
  '*/*',
  '',
  ';;;',
  'application/json\u00ff',
];

/** Rewrites a JavaScript string as its UTF-8 bytes read as latin1, for raw header bytes. */
export function utf8AsLatin1(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** Text with any code point, including NUL, surrogate halves and right-to-left marks. */
const anyText = (maxLength: number) => fc.string({ unit: 'binary', maxLength });

/** A header value without CR or LF, which would end the header line. */
const headerValue = anyText(200).map((text) => utf8AsLatin1(text).replace(/[\r\n]/g, ' '));

/** Either a valid token name or a name with characters HTTP forbids. */
const headerName = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,30}$/),
  fc.constantFrom('X-Moltin-Customer-Token', 'Authorization', 'Transfer-Encoding', 'Expect'),
  anyText(20).map((text) => utf8AsLatin1(text).replace(/[\r\n:]/g, '_') || '_'),
);

export const contentType = fc.constantFrom(...CONTENT_TYPES);

export const extraHeaders = fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 });

/** `Authorization` values: none, malformed, oversized or a real token in odd spellings. */
export function authorization(token: string) {
  return fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(`Bearer ${token}`, `Bearer: ${token}`, `bearer   ${token}  `, 'Bearer'),
    fc.constantFrom(`Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer ${token}x`),
    headerValue.map((value) => `Bearer ${value}`),
    fc.integer({ min: 1000, max: 12_000 }).map((size) => `Bearer ${'a'.repeat(size)}`),
  );
}

const formKey = fc.oneof(
  fc.constantFrom('grant_type', 'client_id', 'client_secret', 'refresh_token'),
  fc.constantFrom('grant_type[]', 'client_id[a]', '__proto__', 'constructor', ''),
  anyText(20),
);

const formValue = fc.oneof(
  fc.constantFrom('client_credentials', 'implicit', 'refresh_token', 'sandbox-client-id'),
  anyText(60),
  fc.constantFrom('%', '%zz', '%00', '%ff%fe', '+', '=', '&&', '%u0041'),
);

/** A form body built by hand: duplicate keys, raw or broken percent-escapes, stray `&` and `=`. */
export const formBody = fc
  .array(fc.tuple(formKey, formValue, fc.boolean()), { maxLength: 8 })
  .map((pairs) =>
    pairs
      .map(([key, value, encode]) =>
        encode ? `${encodeURIComponent(key)}=${encodeURIComponent(value)}` : `${key}=${value}`,
      )
      .join('&'),
  );

const anyJson = fc.jsonValue({ maxDepth: 4 });

/** JSON:API bodies with the right envelope and wrong, missing or hostile members. */
const envelopeBody = fc
  .record(
    {
      type: fc.oneof(fc.constantFrom('token', 'customer', 'Token', ''), anyJson),
      email: fc.oneof(fc.constantFrom('ada@sandbox.test', 'ADA@SANDBOX.TEST', '@', 'a@b'), anyJson),
      password: fc.oneof(fc.constant('sandbox-password'), anyJson),
      name: anyJson,
      authentication_mechanism: fc.oneof(fc.constantFrom('password', 'oidc'), anyJson),
    },
    { requiredKeys: [] },
  )
  .map((data) => ({ data }));

/** Admin bodies near the accepted shapes, so validation rather than parsing rejects them. */
const adminBody = fc.oneof(
  fc.record({ faults: fc.oneof(anyJson, fc.array(fc.record({ kind: anyJson, ms: anyJson }))) }),
  fc.record({ requestsPerSecond: anyJson }),
  fc.record({ profile: fc.oneof(fc.constantFrom('legacy', 'LEGACY'), anyJson) }),
  fc.record({ clientId: anyJson, clientSecret: anyJson }, { requiredKeys: [] }),
);

/** Deeply nested arrays, which recursive parsers and validators may not survive. */
const deepJson = fc.integer({ min: 100, max: 5000 }).map((depth) => {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
});

export const jsonText = fc.oneof(
  anyJson.map((value) => JSON.stringify(value)),
  envelopeBody.map((value) => JSON.stringify(value)),
  adminBody.map((value) => JSON.stringify(value)),
  fc.constantFrom('{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{}}}'),
  fc.constantFrom('{"data":{"type":"token","email":"a@b","email":"c@d"}}', '{', '[]', 'null'),
  deepJson,
);

/** Any body: a form, JSON text, arbitrary bytes, or nothing. */
export const anyBody = fc.oneof(
  formBody,
  jsonText,
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(''),
);

/** A query string of raw or encoded junk, including bytes above 0x7f. */
export const queryString = fc.oneof(
  fc.constant(''),
  anyText(40).map((text) => `?email=${encodeURIComponent(text)}`),
  anyText(40).map((text) => `?${utf8AsLatin1(text).replace(/[\s#]/g, '')}`),
  fc.constantFrom(
    '?email=a&email=b',
    '?email[]=a',
    '?email=%',
    '?%%%',
    '?email=ada%40sandbox.test',
  ),
);

/** A customer id segment: the seeded id, junk, encoded unicode, or a very long value. */
export function customerId(seededId: string) {
  return fc.oneof(
    fc.constant(seededId),
    fc.constantFrom('..', '%2e%2e', '%00', '%2F', 'null', '-1'),
    anyText(40).map((text) => encodeURIComponent(text) || 'x'),
    fc.integer({ min: 101, max: 3000 }).map((size) => 'a'.repeat(size)),
  );
}
