import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { parse } from 'yaml';

/** Response of one step, as the contract check receives it. */
export interface ContractInput {
  method: string;
  /** Request path without query, such as `/v2/customers/0b1c…`. */
  path: string;
  status: number;
  contentType?: string;
  body: unknown;
}

/** Checks responses against the response schemas of an OpenAPI 3.0 or 3.1 document. */
export interface ContractValidator {
  readonly source: string;
  /** Returns one line per mismatch; an empty list means the response fits the document. */
  validate(input: ContractInput): string[];
}

type Json = Record<string, unknown>;

interface Operation {
  pattern: RegExp;
  template: string;
  method: string;
  responses: Json;
}

// ajv-formats is CommonJS with `module.exports = plugin`, so the default import is the plugin
// at run time while its type declarations describe an ES module with a `default` member.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ??
  formatsModule) as (ajv: Ajv) => Ajv;

const DOCUMENT_ID = 'openapi-document';

/** Finds the project's OpenAPI document by walking up from this module to package.json. */
export function defaultContractPath(): string {
  let folder = dirname(fileURLToPath(import.meta.url));

  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) {
    folder = dirname(folder);
  }

  return join(folder, 'contracts', 'openapi', 'moltin-auth.yaml');
}

function templateToPattern(template: string): RegExp {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}/?$`);
}

/** Rewrites local `#/…` references so they resolve inside the registered document. */
function anchorRefs(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(anchorRefs);
  }

  if (typeof value !== 'object' || value === null) {
    return value;
  }

  const copy: Json = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] =
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/')
        ? `${DOCUMENT_ID}${inner}`
        : anchorRefs(inner);
  }
  return copy;
}

function resolveLocal(document: Json, value: unknown): Json | undefined {
  const ref = (value as Json | undefined)?.$ref;
  if (typeof ref !== 'string') {
    return value as Json | undefined;
  }

  let current: unknown = document;
  for (const key of ref.replace(/^#\//, '').split('/')) {
    current = (current as Json | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current as Json | undefined;
}

function listOperations(document: Json): Operation[] {
  const operations: Operation[] = [];

  for (const [template, item] of Object.entries((document.paths ?? {}) as Json)) {
    for (const [method, operation] of Object.entries(item as Json)) {
      const responses = (operation as Json | undefined)?.responses;
      if (typeof responses === 'object' && responses !== null) {
        operations.push({
          pattern: templateToPattern(template),
          template,
          method: method.toUpperCase(),
          responses: responses as Json,
        });
      }
    }
  }

  return operations;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const where =
      error.instancePath === '' ? '(body)' : error.instancePath.slice(1).replace(/\//g, '.');
    return `${where}: ${error.message ?? 'is invalid'}`;
  });
}

/** A file that parses but is not an OpenAPI 3.0 or 3.1 document. */
export class ContractDocumentError extends Error {
  override readonly name = 'ContractDocumentError';

  constructor(
    readonly file: string,
    /** Problem in words that follow the file name, such as "it declares openapi 2.0". */
    readonly reason: string,
  ) {
    super(`${file} cannot be used: ${reason}; use an OpenAPI 3.0 or 3.1 document`);
  }
}

/** Reads and compiles an OpenAPI document; throws with the path when it cannot be read. */
export function loadContract(file: string = defaultContractPath()): ContractValidator {
  const parsed: unknown = parse(readFileSync(file, 'utf8'));
  const document = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Json;
  const version = String(document.openapi ?? '');

  if (version === '') {
    throw new ContractDocumentError(file, 'it is not an OpenAPI document (no openapi field)');
  }
  if (!/^3\.[01]\./.test(version)) {
    throw new ContractDocumentError(
      file,
      `it declares openapi ${JSON.stringify(version)}, not 3.0 or 3.1`,
    );
  }

  // OpenAPI 3.0 schemas are a JSON Schema draft-07 dialect with extra keywords such as
  // `example`, which strict mode would reject; 3.1 uses JSON Schema 2020-12.
  const options = { strict: false, allErrors: true };
  const ajv = version.startsWith('3.1.') ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv as Ajv);
  ajv.addSchema({ $id: DOCUMENT_ID, components: anchorRefs(document.components ?? {}) });

  const operations = listOperations(document);
  const compiled = new Map<unknown, ValidateFunction>();

  const compile = (schema: Json): ValidateFunction => {
    let validate = compiled.get(schema);
    if (validate === undefined) {
      validate = ajv.compile(anchorRefs(schema) as Json);
      compiled.set(schema, validate);
    }
    return validate;
  };

  return {
    source: file,
    validate(input) {
      const operation = operations.find(
        (candidate) =>
          candidate.method === input.method.toUpperCase() && candidate.pattern.test(input.path),
      );
      if (operation === undefined) {
        return [];
      }

      const name = `${operation.method} ${operation.template}`;
      const status = String(input.status);
      const declared =
        operation.responses[status] ??
        operation.responses[`${status[0]}XX`] ??
        operation.responses.default;
      const response = resolveLocal(document, declared);

      if (response === undefined) {
        return [`status ${status} is not documented for ${name}`];
      }

      const content = response.content as Json | undefined;
      if (content === undefined) {
        return input.body === undefined || input.body === ''
          ? []
          : [`${name} ${status} documents no body, received one`];
      }

      const mediaType = (input.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const media = content[mediaType] as Json | undefined;
      if (media === undefined) {
        return [
          `content type ${JSON.stringify(mediaType)} is not documented for ${name} ${status}; ` +
            `expected one of ${Object.keys(content).join(', ')}`,
        ];
      }

      const schema = media.schema as Json | undefined;
      if (schema === undefined) {
        return [];
      }

      const validate = compile(schema);
      return validate(input.body) ? [] : formatErrors(validate.errors);
    },
  };
}
