import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

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

let validator: ValidateFunction | undefined;

/** Validates against the schema and returns every error (ajv `allErrors`), or an empty list. */
export function schemaErrors(data: unknown): ErrorObject[] {
  // Compiled on first use: ajv generates code for the whole schema, which costs a few milliseconds.
  validator ??= new Ajv({ allErrors: true, strict: true, verbose: true }).compile(configSchema);
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** Follows a local `$ref` (`#/definitions/target`) to the node it names. */
export function resolveSchemaNode(node: SchemaNode, root: SchemaNode = configSchema): SchemaNode {
  if (node.$ref === undefined) return node;
  const name = node.$ref.replace(/^#\/definitions\//, '');
  const target = root.definitions?.[name];
  if (target === undefined) throw new Error(`schema $ref ${node.$ref} names no definition`);
  return resolveSchemaNode(target, root);
}
