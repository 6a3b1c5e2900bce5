import type { z } from 'zod';
import { parseErrorEntries } from './error-body.js';
import { ApiError, ResponseShapeError } from './errors.js';
import type { RawResponse } from './http.js';
import { bodyExcerpt } from './redact.js';

/** Raises ApiError unless the response status is 2xx. */
export function expectSuccess(response: RawResponse, secrets: readonly string[]): void {
  if (response.status >= 200 && response.status < 300) {
    return;
  }

  throw new ApiError(response.context, {
    status: response.status,
    errors: parseErrorEntries(response.text, response.status, secrets),
    headers: response.headers,
    bodyExcerpt: bodyExcerpt(response.text, secrets),
  });
}

/**
 * Parses a 2xx JSON body with `schema`. Raises ResponseShapeError when the body is not JSON
 * or does not match. The error lists each problem with types only, never the values.
 */
export function decodeBody<T>(
  response: RawResponse,
  schema: z.ZodType<T>,
  secrets: readonly string[],
): T {
  let value: unknown;

  try {
    value = JSON.parse(response.text);
  } catch {
    throw shapeError(
      response,
      ['(body): expected JSON, received text that does not parse'],
      secrets,
    );
  }

  const result = schema.safeParse(value);

  if (!result.success) {
    const issues = result.error.issues.map((issue) => summariseIssue(issue, value));
    throw shapeError(response, issues, secrets);
  }

  return result.data;
}

/** Raises ResponseShapeError unless the body is empty, as for `204 No Content`. */
export function expectEmptyBody(response: RawResponse, secrets: readonly string[]): void {
  if (response.text.trim() !== '') {
    throw shapeError(response, ['(body): expected no body, received text'], secrets);
  }
}

function shapeError(
  response: RawResponse,
  issues: string[],
  secrets: readonly string[],
): ResponseShapeError {
  return new ResponseShapeError(response.context, {
    status: response.status,
    issues,
    bodyExcerpt: bodyExcerpt(response.text, secrets),
  });
}

// Zod's messages name the expected type and at most the received type, never the value.
// Where a message lacks the received type, the type of the value found is appended.
function summariseIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const path = issue.path.length === 0 ? '(body)' : formatPath(issue.path);
  const message = issue.message.replace(/^Invalid input: /, '');

  if (/received/.test(message)) {
    return `${path}: ${message}`;
  }

  return `${path}: ${message}, received ${describeType(valueAt(root, issue.path))}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => {
      if (typeof key === 'number') {
        return `[${key}]`;
      }

      return index === 0 ? String(key) : `.${String(key)}`;
    })
    .join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;

  for (const key of path) {
    if (typeof current !== 'object' || current === null) {
      return undefined;
    }

    current = (current as Record<PropertyKey, unknown>)[key];
  }

  return current;
}

function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }

  if (Array.isArray(value)) {
    return 'array';
  }

  if (typeof value === 'string') {
    return value === '' ? 'empty string' : 'string';
  }

  return typeof value;
}
