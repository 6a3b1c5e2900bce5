/** One difference between what a contract expects and what the provider sent. */
export interface Mismatch {
  interaction: string;
  /**
   * Location of the difference: a JSON path, a header name, `status`, or `state` for a setup
   * error.
   */
  path: string;
  expected: string;
  actual: string;
}

interface RawMismatch {
  type?: string;
  path?: string;
  key?: string;
  expected?: unknown;
  actual?: unknown;
  mismatch?: string;
  message?: string;
}

interface RawResult {
  description?: string;
  mismatch?: { type?: string; message?: string; mismatches?: RawMismatch[] };
}

/**
 * Reads the mismatches out of the Pact verifier's result, which is one JSON document with an
 * `interactionResults` list, either returned or carried as the message of the rejection.
 * Text that is not such a document gives an empty list.
 */
export function parseMismatches(text: string): Mismatch[] {
  let document: { interactionResults?: RawResult[] };

  try {
    document = JSON.parse(text) as typeof document;
  } catch {
    return [];
  }

  return (document.interactionResults ?? []).flatMap(toMismatches);
}

function toMismatches(result: RawResult): Mismatch[] {
  const interaction = result.description ?? '(unnamed interaction)';
  const { mismatch } = result;

  if (mismatch === undefined) {
    return [];
  }

  if (mismatch.mismatches === undefined) {
    const message = mismatch.message ?? 'verification error';
    return [{ interaction, path: 'state', expected: 'no error', actual: message }];
  }

  return mismatch.mismatches.map((raw) => ({
    interaction,
    path: pathOf(raw),
    expected: show(raw.expected),
    actual: show(raw.actual ?? raw.mismatch ?? raw.message),
  }));
}

function pathOf(raw: RawMismatch): string {
  if (raw.type === 'StatusMismatch') return 'status';
  if (raw.type === 'HeaderMismatch') return `header ${raw.key ?? ''}`.trim();
  return raw.path ?? raw.type ?? 'response';
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Formats one mismatch as a single line: interaction, path, expected, actual. */
export function formatMismatch(mismatch: Mismatch): string {
  const { interaction, path, expected, actual } = mismatch;
  return `${interaction} | ${path} | expected ${oneLine(expected)} | actual ${oneLine(actual)}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
