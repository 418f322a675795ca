/**
 * Contract checks of simulator responses against the third-party OpenAPI 3.0 specs in
 * `../shared/reference/anaplan-openapi` beside the repository (read at test time, never copied into the project;
 * see `reference.ts`).
 *
 * The specs' schemas are converted to JSON Schema (draft-07) for ajv: `nullable` becomes a `null` type, boolean
 * `exclusiveMinimum`/`exclusiveMaximum` become numbers, OpenAPI-only keywords (`example`, `xml`, `discriminator`,
 * `x-*` …) are dropped, formats ajv does not know (`txt`, `TEXT` …) are dropped, and `#/components/schemas/X`
 * references are resolved through one ajv schema per spec.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { referencePath } from './reference.js';

type Json = Record<string, unknown>;

/** A loaded spec, ready to validate bodies. */
export interface OpenApiSpec {
  readonly fileName: string;
  readonly document: Json;
  readonly ajv: Ajv;
  /** `$id` of the ajv schema holding the converted `components.schemas` under `definitions`. */
  readonly schemaId: string;
  readonly validators: Map<string, ValidateFunction>;
}

/** Identifies a response in the spec: the path *template* (`/Users/{id}`), the method and the status. */
export interface ResponseTarget {
  path: string;
  method: string;
  status: number;
  /** The response's `Content-Type`; parameters are ignored. When given, the spec must declare it. */
  contentType?: string | null;
}

/** Options of the `expect…Matches` helpers. */
export interface MatchOptions {
  /**
   * Instance paths (JSON pointers such as `/Resources`) under which errors are ignored. Use it only for a
   * documented defect of the third-party spec, and say which in the test.
   */
  ignoreErrorsUnder?: string[];
}

const dropKeywords = new Set([
  'example',
  'examples',
  'xml',
  'externalDocs',
  'discriminator',
  'deprecated',
  'nullable',
]);
const schemaMapKeywords = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
const schemaKeywords = new Set([
  'items',
  'additionalProperties',
  'not',
  'additionalItems',
  'contains',
  'propertyNames',
]);
const schemaListKeywords = new Set(['allOf', 'anyOf', 'oneOf']);
const openApiFormats = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function convertSchema(
  schema: unknown,
  spec: { schemaId: string; knownFormat: (name: string) => boolean },
): unknown {
  if (Array.isArray(schema)) return schema.map((item) => convertSchema(item, spec));
  if (!isObject(schema)) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (dropKeywords.has(key) || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string') {
      out[key] = value.replace(/^#\/components\/schemas\//, `${spec.schemaId}#/definitions/`);
    } else if (schemaMapKeywords.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, inner]) => [name, convertSchema(inner, spec)]),
      );
    } else if (schemaKeywords.has(key) || schemaListKeywords.has(key)) {
      out[key] = convertSchema(value, spec);
    } else if (key === 'format') {
      if (typeof value === 'string' && spec.knownFormat(value)) out[key] = value;
    } else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') {
      const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum';
      if (value && typeof schema[bound] === 'number') out[key] = schema[bound];
    } else {
      out[key] = value;
    }
  }
  if (schema['exclusiveMinimum'] === true) delete out['minimum'];
  if (schema['exclusiveMaximum'] === true) delete out['maximum'];
  if (schema['nullable'] !== true) return out;
  if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
  if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
  return out['type'] === undefined ? { anyOf: [out, { type: 'null' }] } : out;
}

/**
 * Loads and prepares a reference spec.
 *
 * @throws {Error} when the file is missing or is not OpenAPI 3.0.
 * @example
 * ```ts
 * const spec = loadOpenApi('scim-openapi.yaml');
 * expectResponseMatches(spec, { path: '/Users', method: 'get', status: 200 }, body);
 * ```
 */
export function loadOpenApi(fileName: string): OpenApiSpec {
  const document = parse(readFileSync(referencePath(fileName), 'utf8')) as Json;
  if (typeof document['openapi'] !== 'string' || !document['openapi'].startsWith('3.0'))
    throw new Error(`${fileName}: only OpenAPI 3.0 documents are supported`);
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormatsModule.default(ajv);
  for (const name of openApiFormats) if (!ajv.formats[name]) ajv.addFormat(name, true);
  const schemaId = `openapi:${fileName}`;
  const components = isObject(document['components']) ? document['components'] : {};
  const schemas = isObject(components['schemas']) ? components['schemas'] : {};
  const context = { schemaId, knownFormat: (name: string) => ajv.formats[name] !== undefined };
  ajv.addSchema({
    $id: schemaId,
    definitions: Object.fromEntries(
      Object.entries(schemas).map(([name, schema]) => [name, convertSchema(schema, context)]),
    ),
  });
  return { fileName, document, ajv, schemaId, validators: new Map() };
}

/**
 * The spec's path templates as patterns (`{id}` matches one segment, a trailing `/` is optional), each with the
 * methods it documents.
 *
 * @example
 * ```ts
 * const match = pathTemplates(spec).find(({ pattern }) => pattern.test('/Users/123'));
 * ```
 */
export function pathTemplates(spec: OpenApiSpec): { template: string; pattern: RegExp; methods: string[] }[] {
  const paths = spec.document['paths'] as Record<string, Record<string, unknown>>;
  return Object.entries(paths).map(([template, item]) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\/$/, '').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    methods: Object.keys(item).filter((key) => key !== 'parameters'),
  }));
}

/** Follows `$ref`s between OpenAPI objects (responses, request bodies, parameters) inside the document. */
function dereference(spec: OpenApiSpec, value: unknown): unknown {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current['$ref'] === 'string' && hops < 20; hops += 1) {
    const reference = current['$ref'];
    if (!reference.startsWith('#/'))
      throw new Error(`${spec.fileName}: external $ref ${reference} is not supported`);
    current = reference
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), spec.document);
  }
  return current;
}

function pickContent(
  spec: OpenApiSpec,
  content: unknown,
  contentType: string | null | undefined,
  where: string,
): unknown {
  if (!isObject(content)) throw new Error(`${spec.fileName}: ${where} declares no content`);
  const wanted = contentType?.split(';')[0]?.trim().toLowerCase();
  const key = wanted
    ? Object.keys(content).find((candidate) => candidate.toLowerCase() === wanted)
    : (Object.keys(content).find((candidate) => /json/i.test(candidate)) ?? Object.keys(content)[0]);
  if (key === undefined)
    throw new Error(
      `${spec.fileName}: ${where} does not declare ${wanted} (declares ${Object.keys(content).join(', ')})`,
    );
  const media = content[key];
  if (!isObject(media) || media['schema'] === undefined)
    throw new Error(`${spec.fileName}: ${where} ${key} has no schema`);
  return media['schema'];
}

function operation(spec: OpenApiSpec, path: string, method: string): Json {
  const paths = isObject(spec.document['paths']) ? spec.document['paths'] : {};
  const item = paths[path];
  if (!isObject(item)) throw new Error(`${spec.fileName}: no path ${path}`);
  const found = item[method.toLowerCase()];
  if (!isObject(found)) throw new Error(`${spec.fileName}: no ${method.toUpperCase()} ${path}`);
  return found;
}

/** The raw (OpenAPI) schema of a response, with `$ref`s still in it. @throws {Error} when the spec lacks it. */
export function responseSchema(spec: OpenApiSpec, target: ResponseTarget): unknown {
  const where = `${target.method.toUpperCase()} ${target.path} ${target.status}`;
  const responses = operation(spec, target.path, target.method)['responses'];
  if (!isObject(responses)) throw new Error(`${spec.fileName}: ${where}: no responses`);
  const status = String(target.status);
  const declared = responses[status] ?? responses[`${status[0]}XX`] ?? responses['default'];
  if (declared === undefined)
    throw new Error(
      `${spec.fileName}: ${where} is not a declared response (declared: ${Object.keys(responses).join(', ')})`,
    );
  return pickContent(spec, (dereference(spec, declared) as Json)['content'], target.contentType, where);
}

function validator(spec: OpenApiSpec, key: string, schema: unknown): ValidateFunction {
  let found = spec.validators.get(key);
  if (!found) {
    const knownFormat = (name: string) => spec.ajv.formats[name] !== undefined;
    found = spec.ajv.compile(convertSchema(schema, { schemaId: spec.schemaId, knownFormat }) as Json);
    spec.validators.set(key, found);
  }
  return found;
}

function describeErrors(errors: ErrorObject[] | null | undefined, options: MatchOptions): string[] {
  const ignored = options.ignoreErrorsUnder ?? [];
  return (errors ?? [])
    .filter(
      (error) =>
        !ignored.some(
          (prefix) => error.instancePath === prefix || error.instancePath.startsWith(`${prefix}/`),
        ),
    )
    .map(
      (error) => `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    );
}

/** Validates a body against a response schema; returns readable errors (empty when it matches). */
export function responseErrors(
  spec: OpenApiSpec,
  target: ResponseTarget,
  body: unknown,
  options: MatchOptions = {},
): string[] {
  const schema = responseSchema(spec, target);
  const key = `response ${target.method.toLowerCase()} ${target.path} ${target.status} ${target.contentType ?? ''}`;
  const validate = validator(spec, key, schema);
  validate(body);
  return describeErrors(validate.errors, options);
}

/** Asserts that a response body matches the spec's schema for that path, method and status. */
export function expectResponseMatches(
  spec: OpenApiSpec,
  target: ResponseTarget,
  body: unknown,
  options: MatchOptions = {},
): void {
  const where = `${spec.fileName}: ${target.method.toUpperCase()} ${target.path} ${target.status}`;
  expect(responseErrors(spec, target, body, options), where).toEqual([]);
}

/** Asserts that a request body matches the spec's `requestBody` schema for that path and method. */
export function expectRequestMatches(
  spec: OpenApiSpec,
  target: { path: string; method: string; contentType?: string },
  body: unknown,
): void {
  const where = `${target.method.toUpperCase()} ${target.path} request`;
  const requestBody = dereference(spec, operation(spec, target.path, target.method)['requestBody']);
  if (!isObject(requestBody)) throw new Error(`${spec.fileName}: ${where}: no requestBody`);
  const validate = validator(
    spec,
    `request ${where} ${target.contentType ?? ''}`,
    pickContent(spec, requestBody['content'], target.contentType, where),
  );
  validate(body);
  expect(describeErrors(validate.errors, {}), `${spec.fileName}: ${where}`).toEqual([]);
}

/** Asserts that a value matches a named component schema (`#/components/schemas/<name>`). */
export function expectComponentMatches(spec: OpenApiSpec, schemaName: string, body: unknown): void {
  const validate = validator(spec, `component ${schemaName}`, { $ref: `#/components/schemas/${schemaName}` });
  validate(body);
  expect(describeErrors(validate.errors, {}), `${spec.fileName}: components.schemas.${schemaName}`).toEqual(
    [],
  );
}
