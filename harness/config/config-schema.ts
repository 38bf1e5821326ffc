import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv, ErrorObject, Options, ValidateFunction } from 'ajv';

/** The published JSON Schema: the source of truth for what a config may contain. */
export const configSchemaFile = fileURLToPath(
  new URL('../../schema/mtls-conformance.schema.json', import.meta.url),
);

/** A JSON Schema object, as far as the loader and the docs generator read one. */
export interface SchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  required?: string[];
  definitions?: Record<string, SchemaNode>;
  examples?: unknown[];
  $ref?: string;
  /** Alternative forms of one value (`fixtures`: a folder, or an object); each a node of its own. */
  oneOf?: SchemaNode[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  uniqueItems?: boolean;
  title?: string;
  /** A map's keys: `title` names them in the reference (`variable name`), `pattern` constrains them. */
  propertyNames?: SchemaNode;
  anyOf?: SchemaNode[];
}

export const configSchema: SchemaNode = JSON.parse(readFileSync(configSchemaFile, 'utf8')) as SchemaNode;

const ajvOptions: Options = { allErrors: true, strict: true, verbose: true };
/**
 * ajv's validator for the schema, written as a CommonJS module by the CLI's compile step
 * (bin/compiled-harness.js) into the schema folder of its compiled tree, whose key covers the schema:
 * loading it costs a few ms, where loading ajv and compiling the schema cost ~100 ms of every run. The
 * sources have none, and compile the schema on first use, with the same options, so the errors agree.
 */
const precompiledValidatorFile = fileURLToPath(new URL('../../schema/config-validator.cjs', import.meta.url));
const require = createRequire(import.meta.url);

let validator: ValidateFunction | undefined;

/** Validates against the schema and returns every error (ajv `allErrors`), or an empty list. */
export function schemaErrors(data: unknown): ErrorObject[] {
  validator ??= existsSync(precompiledValidatorFile)
    ? (require(precompiledValidatorFile) as { default: ValidateFunction }).default
    : newAjv({}).compile(configSchema);
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/**
 * The source of the precompiled validator (ajv standalone, CommonJS), for the compile step. Never
 * called by a run.
 */
export function configValidatorSource(): string {
  const ajv = newAjv({ code: { source: true } });
  const standalone = require('ajv/dist/standalone/index.js') as {
    default: (ajv: Ajv, validate: ValidateFunction) => string;
  };
  return standalone.default(ajv, ajv.compile(configSchema));
}

// ajv is loaded only here: a run with a precompiled validator never loads it.
function newAjv(extra: Options): Ajv {
  const ajv = require('ajv') as { Ajv: new (options: Options) => Ajv };
  return new ajv.Ajv({ ...ajvOptions, ...extra });
}

/** Follows a local `$ref` (`#/definitions/target`) to the node it names. */
export function resolveSchemaNode(node: SchemaNode, root: SchemaNode = configSchema): SchemaNode {
  if (node.$ref === undefined) return node;
  const name = node.$ref.replace(/^#\/definitions\//, '');
  const target = root.definitions?.[name];
  if (target === undefined) throw new Error(`schema $ref ${node.$ref} names no definition`);
  return resolveSchemaNode(target, root);
}
