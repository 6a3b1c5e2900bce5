import { ResponseShapeError } from '../client/index.js';

// Key names whose values are secrets. The client redacts these keys only in bodies that parse
// as JSON, so in any other body the text after such a key may be a token.
const SECRET_KEY = /token|secret|password|authorization|jwt/i;

function describeBody(error: ResponseShapeError): string {
  if (error.bodyExcerpt === '') {
    return '(empty body)';
  }

  const notJson = error.issues.some((issue) => /expected JSON/.test(issue));
  if (notJson && SECRET_KEY.test(error.bodyExcerpt)) {
    return '(body withheld: may contain a token)';
  }

  return `body: ${error.bodyExcerpt}`;
}

/**
 * Turns a step's error into one line for the run's reason. The client's messages can span
 * lines (a shape error lists one problem per line, then the body excerpt), so the lines are
 * joined rather than cut at the first.
 */
export function describeStepError(error: unknown): string {
  if (error instanceof ResponseShapeError) {
    const start = error.message.split('\n')[0] ?? error.name;
    return `${start} ${[...error.issues, describeBody(error)].join('; ')}`;
  }

  if (!(error instanceof Error)) {
    return String(error);
  }

  const lines = error.message.split('\n').map((line) => line.trim());
  return lines.filter(Boolean).join(' ') || error.name;
}
