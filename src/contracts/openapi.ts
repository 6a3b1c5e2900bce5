import { readFile } from 'node:fs/promises';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/** Location of the OpenAPI document, relative to the repository root. */
export const OPENAPI_PATH = 'contracts/openapi/moltin-auth.yaml';

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
  components: {
    schemas: Record<string, unknown>;
    responses?: Record<string, ResponseObject>;
  };
}

interface ResponseObject {
  $ref?: string;
  content?: Record<string, { schema?: unknown }>;
}

/** Checks a response against the status codes and JSON schemas of the OpenAPI document. */
export type ResponseValidator = (
  path: string,
  method: string,
  status: number,
  body: unknown,
) => string[];

/**
 * Loads the OpenAPI document and compiles its response schemas with ajv. The validator
 * returns the problems it found: an undocumented status, or each schema violation.
 */
export async function loadResponseValidator(file = OPENAPI_PATH): Promise<ResponseValidator> {
  const document = parse(await readFile(file, 'utf8')) as OpenApiDocument;
  const ajv = new Ajv({ allErrors: true, strict: true });
  const addFormats = addFormatsModule as unknown as (instance: Ajv) => Ajv;
  addFormats(ajv);

  for (const [name, schema] of Object.entries(document.components.schemas)) {
    ajv.addSchema(rebase(schema) as object, `${SCHEMA_ID_BASE}${name}`);
  }

  const compiled = new Map<unknown, ValidateFunction>();
  const compile = (schema: unknown): ValidateFunction => {
    const known = compiled.get(schema);
    if (known !== undefined) return known;

    const validate = ajv.compile(rebase(schema) as object);
    compiled.set(schema, validate);
    return validate;
  };

  return (path, method, status, body) => {
    const response = resolveResponse(document, document.paths[path]?.[method]?.responses, status);

    if (response === undefined) {
      return [`${method.toUpperCase()} ${path} does not document status ${status}`];
    }

    const schema = response.content?.['application/json']?.schema;
    if (schema === undefined) return [];

    const validate = compile(schema);
    return validate(body)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
  };
}

function resolveResponse(
  document: OpenApiDocument,
  responses: Record<string, ResponseObject> | undefined,
  status: number,
): ResponseObject | undefined {
  const response = responses?.[String(status)];
  const ref = response?.$ref;

  if (ref === undefined) return response;
  return document.components.responses?.[ref.replace('#/components/responses/', '')];
}

// Ajv registers each component schema under its own id, because a JSON pointer into the
// whole document would make ajv compile non-schema parts such as `paths`.
const SCHEMA_ID_BASE = 'https://token-harness.invalid/schemas/';

/** Points `#/components/schemas/X` references at the id the schema is registered under. */
function rebase(schema: unknown): unknown {
  const text = JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${SCHEMA_ID_BASE}`);
  return JSON.parse(text);
}
