import { Document, isScalar, isSeq, visit } from 'yaml';
import { fullConfigExample, minimalConfigExample } from './config-examples.ts';
import { configSchema, resolveSchemaNode, type SchemaNode } from './config-schema.ts';

/** Where `npm run docs:config` writes the reference, relative to the repository root. */
export const configReferencePath = 'docs/config-reference.md';

/**
 * docs/config-reference.md, generated from the schema so the two cannot drift: a section per object
 * of the schema with each field's type, default, allowed values and description, then the checks
 * the schema cannot express, then the examples.
 */
export function renderConfigReference(schema: SchemaNode = configSchema): string {
  const sections: string[] = [];
  collectSections(schema, schema, 'Top level', '', sections);
  return [
    '# Config reference',
    '',
    '<!-- Generated from schema/mtls-conformance.schema.json by `npm run docs:config`. Edit the schema, not this file. -->',
    '',
    schema.description ?? '',
    '',
    'Editors complete and check the config from the published JSON Schema,',
    '`schema/mtls-conformance.schema.json`. In YAML, name it in a first-line comment:',
    '`# yaml-language-server: $schema=./node_modules/mtls-conformance/schema/mtls-conformance.schema.json`.',
    '`mtls-conformance init` writes a commented starter config.',
    '',
    '## Minimal config',
    '',
    fence(minimalConfigExample),
    '## Fields',
    '',
    ...sections,
    checksBeyondTheSchema,
    '## Full example',
    '',
    'One target per provider; the files it names must exist and the variables its `*Env` fields name must be set.',
    '',
    fence(fullConfigExample),
  ].join('\n');
}

function collectSections(
  node: SchemaNode,
  root: SchemaNode,
  title: string,
  path: string,
  sections: string[],
): void {
  const resolved = resolveSchemaNode(node, root);
  const properties = Object.entries(resolved.properties ?? {});
  const required = new Set(resolved.required ?? []);
  const nested: Array<{ node: SchemaNode; path: string }> = [];
  const rows = properties.map(([name, property]) => {
    const field = path ? `${path}.${name}` : name;
    const child = resolveSchemaNode(property, root);
    const objectPath = objectBelow(child, root, field);
    if (objectPath) nested.push(objectPath);
    const type = describeSchemaType(child, root, objectPath?.path);
    const fallback = child.default === undefined ? '' : code(formatDefault(child.default));
    const description = [property.description, child.description].find((text) => text !== undefined) ?? '';
    return `| ${code(name)}${required.has(name) ? ' (required)' : ''} | ${type} | ${fallback} | ${cell(description)} |`;
  });
  sections.push(
    `### ${path ? code(path) : title}`,
    '',
    `<a id="${anchor(path || 'top-level')}"></a>`,
    '',
    ...(path && resolved.description ? [resolved.description, ''] : []),
    '| Field | Type | Default | Description |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  );
  for (const child of nested) collectSections(child.node, root, child.path, child.path, sections);
}

/** The object with properties a field holds directly, in a list, or as the values of a map. */
function objectBelow(
  node: SchemaNode,
  root: SchemaNode,
  field: string,
): { node: SchemaNode; path: string } | undefined {
  if (node.properties) return { node, path: field };
  const form = node.oneOf
    ?.map((branch) => resolveSchemaNode(branch, root))
    .find((branch) => branch.properties);
  if (form) return { node: form, path: field };
  if (node.items) {
    const item = resolveSchemaNode(node.items, root);
    if (item.properties) return { node: item, path: `${field}[]` };
  }
  if (typeof node.additionalProperties === 'object') {
    const value = resolveSchemaNode(node.additionalProperties, root);
    if (value.properties) return { node: value, path: `${field}.<id>` };
  }
  return undefined;
}

function describeSchemaType(node: SchemaNode, root: SchemaNode, objectPath?: string): string {
  if (node.oneOf) {
    return node.oneOf
      .map((branch) => describeSchemaType(resolveSchemaNode(branch, root), root, objectPath))
      .join(', or ');
  }
  if (node.enum) return node.enum.map((value) => code(String(value))).join(' \\| ');
  if (node.properties) return `object, see [${code(objectPath ?? '')}](#${anchor(objectPath ?? '')})`;
  if (node.type === 'array' && node.items) {
    const item = resolveSchemaNode(node.items, root);
    return `list of ${item.properties ? `objects, see [${code(objectPath ?? '')}](#${anchor(objectPath ?? '')})` : describeSchemaType(item, root)}`;
  }
  if (node.type === 'object' && typeof node.additionalProperties === 'object') {
    const value = resolveSchemaNode(node.additionalProperties, root);
    const valueType = value.properties
      ? `object, see [${code(objectPath ?? '')}](#${anchor(objectPath ?? '')})`
      : describeSchemaType(value, root);
    return `map of ${node.propertyNames?.title ?? 'scenario id'} → ${valueType}`;
  }
  if (node.anyOf) {
    return node.anyOf.map((branch) => describeBranch(resolveSchemaNode(branch, root), root)).join(' or ');
  }
  if (node.type === 'integer') {
    const range =
      node.minimum !== undefined && node.maximum !== undefined ? ` ${node.minimum}–${node.maximum}` : '';
    return `integer${range}`;
  }
  return String(node.type ?? 'any');
}

/** One alternative of an `anyOf`: its type, an object by its fields (`{ fromEnv }`). */
function describeBranch(node: SchemaNode, root: SchemaNode): string {
  if (!node.properties) return describeSchemaType(node, root);
  return `${code(`{ ${Object.keys(node.properties).join(', ')} }`)}`;
}

// Semantic checks (harness/config/check-config-*.ts): written here by hand because no schema says them.
const checksBeyondTheSchema = `## Checks beyond the schema

Before any network I/O, \`run\` also checks:

- \`url\`: required with provider \`url\` and refused with the others; scheme \`https\` or \`tls\`, a host, a
  port for \`tls://\`, no user name or password.
- Each provider block (\`mock\`, \`nginx\`, \`openssl\`, \`container\`, \`apache\`, \`haproxy\`, \`java\`) only
  with its own provider; \`container.port\` with \`container.command\`.
- Target names unique, ignoring case.
- \`identity\`: \`cert\` and \`key\` (and optionally \`chain\`), or \`p12\` (and optionally \`passphraseEnv\`); every
  file exists and is readable; the \`passphraseEnv\` variable is set. An inline \`passphrase\` key is refused.
- \`trusts\` and a fixture-name \`serverCa\` name CAs of the fixture set; a path \`serverCa\` is a readable file.
  A bare name (lower-case letters, digits, \`-\`) is a fixture name; anything else is a path.
- Scenario ids in \`only\`, \`skip\` and \`expect\` exist in the target's suite (\`mtls-conformance scenarios\`
  lists them); an id is not both in \`only\` and \`skip\`, nor both in \`skip\` and \`expect\`.
- \`suite\`: a suite that has scenarios in this version.
- \`suite: client\`: a \`client\` block with \`command\` or \`wait\` (not both; \`timeoutMs\` and \`stdin\` only with
  \`command\`); no \`url\`, \`provider\`, \`serverCa\`, \`servername\`, \`rejectAt\`, \`tlsVersions\` or provider block;
  \`trusts\` not empty; the command's placeholders known, and only those its identity can fill (\`{p12}\` and
  \`{passphraseEnv}\` need a PKCS#12 identity, \`{cert}\`, \`{key}\` and \`{chain}\` a PEM one; fixture \`tpp1\` has both);
  its program found on PATH, or an executable path; \`env\` only with \`command\`, its values' placeholders
  checked as the command's, not \`MTLSC_CLIENT_PASSPHRASE\` (the harness sets it), every \`fromEnv\` variable set.
  \`client\` with any other suite is refused.
- \`targets\` or \`targetsFiles\` (or both). Each \`targetsFiles[].file\` is readable and lists at least one
  endpoint; every line is \`URL\` or \`NAME URL\` with a URL as \`url\` above, and the names (written or the
  URL's host:port) are unique across all targets. The shared declaration gets the checks of a target's.
- \`identity.keystore\`: with \`storePasswordEnv\`, and without the PEM and \`p12\` fields; \`auth\`: \`basic\` or
  \`bearer\` (one of them), suite \`server\`, an https:// URL. Every variable a \`*Env\` field names is set.

All problems are reported together, each with the field path and its line, the value seen and what is
allowed. One problem is one line; several are a count followed by one line each:

\`\`\`text
mtls-conformance: Cannot load mtls-conformance.yaml: 2 problems.
  targets[0].provider (line 5): "nginxx" is not allowed (did you mean nginx?); allowed: url, mock, nginx, openssl, container, apache, haproxy, java.
  targets[0].trusts[0] (line 6): "ca3" is not a CA of the fixture set; allowed: ca1, ca2, intermediate-ca, rogue-ca.
\`\`\`
`;

// Lists of plain values in flow style (`trusts: [ca1, ca2]`), as the examples in issue 4 and init write them.
function fence(value: unknown): string {
  const document = new Document(value);
  visit(document, {
    Seq(_, node) {
      if (isSeq(node) && node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return [
    '```yaml',
    document.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd(),
    '```',
    '',
  ].join('\n');
}

function formatDefault(value: unknown): string {
  return Array.isArray(value) ? `[${value.map(String).join(', ')}]` : String(value);
}

function code(text: string): string {
  return `\`${text}\``;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function anchor(path: string): string {
  return path
    .replace(/<id>/g, 'id')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}
