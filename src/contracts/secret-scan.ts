/** A pact value that looks like a credential. */
export interface SecretFinding {
  /** JSON path of the value, such as `$.interactions[0].request.body.content`. */
  path: string;
  reason: string;
}

export interface SecretScanOptions {
  /** Real credentials that must never appear, such as the configured client secret. */
  knownSecrets: readonly string[];
  /** Example values that look like tokens but are fake on purpose. */
  allowedExamples: readonly string[];
}

// Long runs of token alphabets: 32+ hex characters, a JWT, or a 40+ character base64 run.
const TOKEN_SHAPES: readonly [RegExp, string][] = [
  [/\b[0-9a-fA-F]{32,}\b/g, 'long hexadecimal token'],
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_=+/-]+\.[A-Za-z0-9_=+/-]+/g, 'JSON Web Token'],
  [/[A-Za-z0-9+/_-]{40,}={0,2}/g, 'long base64 run'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/g, 'private key'],
];

/**
 * Finds values in a parsed pact file that look like real secrets: a known credential anywhere
 * in a string, or a token-shaped run that is not one of the allowed examples.
 */
export function scanForSecrets(document: unknown, options: SecretScanOptions): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const known = options.knownSecrets.filter((secret) => secret.length >= 4);

  visitStrings(document, '$', (path, value) => {
    if (known.some((secret) => value.includes(secret))) {
      findings.push({ path, reason: 'contains a configured credential' });
    }

    let rest = value;
    for (const example of options.allowedExamples) {
      rest = rest.split(example).join(' ');
    }

    for (const [shape, reason] of TOKEN_SHAPES) {
      if (rest.match(shape) !== null) {
        findings.push({ path, reason });
      }
    }
  });

  return findings;
}

function visitStrings(value: unknown, path: string, visit: (path: string, value: string) => void) {
  if (typeof value === 'string') {
    visit(path, value);
    return;
  }

  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      visitStrings(item, `${path}[${index}]`, visit);
    }
    return;
  }

  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      visitStrings(key, `${path} (key)`, visit);
      visitStrings(item, `${path}.${key}`, visit);
    }
  }
}
