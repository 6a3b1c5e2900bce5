import type { TransportErrorKind } from './errors.js';

export type FailureKind = TransportErrorKind | 'timeout';

const CODE_KINDS: Record<string, FailureKind> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  ECONNABORTED: 'reset',
  EPIPE: 'reset',
  // undici's SocketError, raised when the server closes the socket mid-response.
  UND_ERR_SOCKET: 'reset',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  EAI_NODATA: 'dns',
  EPROTO: 'tls',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
};

// Node prefixes its own TLS errors with ERR_TLS_ or ERR_SSL_, and certificate checks report
// OpenSSL's verify codes such as CERT_HAS_EXPIRED or DEPTH_ZERO_SELF_SIGNED_CERT.
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_)|SELF_SIGNED|HOSTNAME_MISMATCH/;

/**
 * Classifies a failed request from the error codes undici and Node attach. Looks through
 * `cause` chains and the `errors` of an AggregateError, which Node raises when it tried
 * several addresses of one host.
 */
export function classifyFailure(error: unknown): FailureKind {
  for (const code of collectCodes(error, 0)) {
    const kind = CODE_KINDS[code] ?? (TLS_CODE.test(code) ? 'tls' : undefined);

    if (kind !== undefined) {
      return kind;
    }
  }

  return 'other';
}

function collectCodes(error: unknown, depth: number): string[] {
  if (typeof error !== 'object' || error === null || depth > 4) {
    return [];
  }

  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const codes = typeof code === 'string' ? [code] : [];
  codes.push(...collectCodes(cause, depth + 1));

  if (Array.isArray(errors)) {
    for (const inner of errors) {
      codes.push(...collectCodes(inner, depth + 1));
    }
  }

  return codes;
}
