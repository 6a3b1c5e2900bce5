// Helpers that keep secrets out of error messages and properties. Two layers apply: the exact
// secrets a call sent are replaced wherever they appear, and anything shaped like a token
// (a long run of token characters, or the value of a token-like key) is replaced as well.

const REDACTED = '[redacted]';

/** Maximum characters of a response body kept on an error. */
export const EXCERPT_LENGTH = 200;

// Runs of 20 or more base64url, hex or JWT characters that contain a digit. Long field names
// such as `authentication_mechanism` have no digit, and UUIDs break at their hyphens into
// shorter runs, so both stay readable.
const TOKEN_LIKE = /[A-Za-z0-9_~+/=]{20,}(?:\.[A-Za-z0-9_~+/=-]+)*/g;

const SECRET_KEY = /token|secret|password|authorization|jwt/i;

/** Replaces each of `secrets` (ignoring empty ones) and every token-like run in `text`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let result = text;

  for (const secret of secrets) {
    if (secret.length > 0) {
      result = result.split(secret).join(REDACTED);
    }
  }

  return result.replace(TOKEN_LIKE, (run) => (/\d/.test(run) ? REDACTED : run));
}

/**
 * Builds a short, single-line excerpt of a response body with secrets removed. JSON bodies
 * have the values of token-like keys replaced before they are shortened.
 */
export function bodyExcerpt(text: string, secrets: readonly string[]): string {
  const redacted = redactJson(text) ?? text;
  const oneLine = scrub(redacted, secrets).replace(/\s+/g, ' ').trim();

  if (oneLine.length <= EXCERPT_LENGTH) {
    return oneLine;
  }

  return `${oneLine.slice(0, EXCERPT_LENGTH)}…`;
}

function redactJson(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return JSON.stringify(value, (key, inner: unknown) =>
      typeof inner === 'string' && SECRET_KEY.test(key) ? REDACTED : inner,
    );
  } catch {
    return undefined;
  }
}
