import type { FastifyRequest } from 'fastify';

/** Media type of a request body. Other types never reach a route, because fastify sends 415. */
export type BodyKind = 'form' | 'json' | 'none';

export function bodyKind(request: FastifyRequest): BodyKind {
  const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();

  if (contentType === 'application/x-www-form-urlencoded') return 'form';
  if (contentType === 'application/json') return 'json';
  return 'none';
}

/** A request value that failed a check, with the API's wording for the reason. */
export class FieldProblem {
  constructor(readonly detail: string) {}
}

export type Fields = Record<string, unknown>;

/**
 * Reads `data` from a JSON:API body and checks its `type`. Details follow the API's
 * "The data.email field is required." wording and never repeat the value sent.
 */
export function readData(body: unknown, type: string): Fields | FieldProblem {
  const data = isObject(body) ? body.data : undefined;
  if (!isObject(data)) return new FieldProblem('The data field is required.');

  if (data.type === undefined) return new FieldProblem('The data.type field is required.');
  if (data.type !== type) return new FieldProblem(`The data.type field must be "${type}".`);
  return data;
}

/** Reads a required non-empty string field of `data`. */
export function requiredString(data: Fields, name: string): string | FieldProblem {
  const value = data[name];
  if (value === undefined || value === null || value === '') {
    return new FieldProblem(`The data.${name} field is required.`);
  }
  if (typeof value !== 'string')
    return new FieldProblem(`The data.${name} field must be a string.`);
  return value;
}

/** Reads an optional string field of `data`, which is `undefined` when absent. */
export function optionalString(data: Fields, name: string): string | undefined | FieldProblem {
  const value = data[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    return new FieldProblem(`The data.${name} field must be a string.`);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
