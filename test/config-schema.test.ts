import { REVOCATION_DEFAULTS } from '../harness/config/revocation-defaults.ts';
import { expect } from 'chai';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { configDefaults } from '../harness/config/config-defaults.ts';
import { toTargetDeclaration } from '../harness/config/target-declaration.ts';
import { fullConfigExample, minimalConfigExample } from '../harness/config/config-examples.ts';
import {
  configSchema,
  configSchemaFile,
  resolveSchemaNode,
  type SchemaNode,
} from '../harness/config/config-schema.ts';
import { defaultVerifiedValue } from '../harness/pki/forwarded-certificate-format.ts';
import {
  apacheVerifyClientModes,
  backendMisconfigurations,
  declarableTlsVersions,
  forwardedCertificateFormats,
  haproxyVerifyModes,
  javaClientAuthModes,
  javaStoreTypes,
  mockClientAuthModes,
  mockMisconfigurations,
  mockRefusals,
  nginxProtocols,
  nginxVerifyClientModes,
  oauthAuthMethods,
  opensslTlsVersions,
  opensslVerifyModes,
  overrideExpectations,
  providerKinds,
  rejectAtValues,
  serverProtocols,
  suiteKinds,
  type TargetConfig,
} from '../harness/config/config-types.ts';
import type { TargetProviderSpec } from '../harness/targets/create-target-provider.ts';
import { APACHE_DEFAULTS } from '../harness/targets/apache-target-options.ts';
import { HAPROXY_DEFAULTS } from '../harness/targets/haproxy-target-options.ts';
import { JAVA_DEFAULTS } from '../harness/targets/java-target-options.ts';
import { DEFAULT_CONTAINER_IMAGE } from '../harness/targets/container-target-options.ts';
import { MOCK_DEFAULTS } from '../harness/targets/mock-target-options.ts';
import { defaultKeyPolicy } from '../harness/scenarios/keys/key-policy.ts';
import { NGINX_DEFAULTS } from '../harness/targets/nginx-target-options.ts';
import { OPENSSL_DEFAULTS } from '../harness/targets/openssl-target-options.ts';

/** Every property path the schema allows (`targets[].identity.p12`), and the node at each. */
function schemaPaths(
  node: SchemaNode,
  prefix = '',
  out = new Map<string, SchemaNode>(),
): Map<string, SchemaNode> {
  const resolved = resolveSchemaNode(node);
  for (const [name, child] of Object.entries(resolved.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const target = resolveSchemaNode(child);
    out.set(path, target);
    schemaPaths(target, path, out);
    if (target.items) schemaPaths(target.items, `${path}[]`, out);
    if (typeof target.additionalProperties === 'object') {
      out.set(`${path}.*`, resolveSchemaNode(target.additionalProperties));
      schemaPaths(target.additionalProperties, `${path}.*`, out);
      // A map whose values are one of several shapes (client.env: text or { fromEnv }).
      for (const branch of resolveSchemaNode(target.additionalProperties).anyOf ?? [])
        schemaPaths(branch, `${path}.*`, out);
    }
    // A value of several forms (fixtures: a folder, or { dir, passphraseEnv }): each form's fields.
    for (const form of target.oneOf ?? []) schemaPaths(form, path, out);
  }
  return out;
}

/** Every property path a value uses, in the same notation. */
function valuePaths(value: unknown, prefix = '', inMap = false, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) valuePaths(item, `${prefix}[]`, false, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const path = inMap ? `${prefix}.*` : prefix ? `${prefix}.${key}` : key;
      out.add(path);
      valuePaths(child, path, /\.(skip|expect|env|tokenParameters)$/.test(path), out);
    }
  }
  return out;
}

const enumAt = (path: string) => {
  const node = schemaPaths(configSchema).get(path);
  return node?.enum ?? node?.items?.enum;
};

describe('config schema', () => {
  it('is a valid draft-07 schema that ajv compiles in strict mode', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    expect(ajv.validateSchema(configSchema), JSON.stringify(ajv.errors)).to.equal(true);
    expect(() => ajv.compile(configSchema)).not.to.throw();
    expect(JSON.parse(readFileSync(configSchemaFile, 'utf8'))).to.deep.equal(configSchema);
  });

  it('catches unknown keys in every object and documents every field', () => {
    const objects: SchemaNode[] = [configSchema, ...schemaPaths(configSchema).values()].flatMap((node) =>
      [node, node.items].filter((candidate): candidate is SchemaNode => candidate?.properties !== undefined),
    );
    for (const object of objects)
      expect(object.additionalProperties, Object.keys(object.properties ?? {}).join()).to.equal(false);
    for (const [path, node] of schemaPaths(configSchema)) {
      if (path === '$schema' || node.properties || path.endsWith('.*')) continue;
      expect(node.description, path).to.be.a('string');
    }
  });

  it('matches the hand-written types: the typed full example uses every schema property', () => {
    // fullConfigExample is typed as ConfigFile, so TypeScript refuses a key the types lack; here every
    // schema property must appear in it, so the types cannot lack one either.
    const used = valuePaths(fullConfigExample);
    const allowed = [...schemaPaths(configSchema).keys()].map((path) => path.replace(/\.\*\./g, '.*.'));
    expect([...used].sort()).to.deep.equal([...new Set(allowed)].sort());
  });

  it('has the enums of the TypeScript types', () => {
    expect(enumAt('targets[].provider')).to.deep.equal([...providerKinds]);
    expect(enumAt('targets[].suite')).to.deep.equal([...suiteKinds]);
    expect(enumAt('targets[].rejectAt')).to.deep.equal([...rejectAtValues]);
    expect(enumAt('targets[].tlsVersions')).to.deep.equal([...declarableTlsVersions]);
    expect(enumAt('targets[].scenarios.expect.*.expected')).to.deep.equal([...overrideExpectations]);
    expect(enumAt('targets[].mock.clientAuth')).to.deep.equal([...mockClientAuthModes]);
    expect(enumAt('targets[].mock.refusal')).to.deep.equal([...mockRefusals]);
    expect(enumAt('targets[].mock.misconfiguration')).to.deep.equal([...mockMisconfigurations]);
    expect(enumAt('targets[].nginx.verifyClient')).to.deep.equal([...nginxVerifyClientModes]);
    expect(enumAt('targets[].nginx.protocols')).to.deep.equal([...nginxProtocols]);
    expect(enumAt('targets[].openssl.verify')).to.deep.equal([...opensslVerifyModes]);
    expect(enumAt('targets[].openssl.tlsVersion')).to.deep.equal([...opensslTlsVersions]);
    expect(enumAt('targets[].oauth.authMethod')).to.deep.equal([...oauthAuthMethods]);
    expect(enumAt('targets[].apache.verifyClient')).to.deep.equal([...apacheVerifyClientModes]);
    expect(enumAt('targets[].apache.protocols')).to.deep.equal([...serverProtocols]);
    expect(enumAt('targets[].haproxy.verify')).to.deep.equal([...haproxyVerifyModes]);
    expect(enumAt('targets[].haproxy.protocols')).to.deep.equal([...serverProtocols]);
    expect(enumAt('targets[].java.clientAuth')).to.deep.equal([...javaClientAuthModes]);
    expect(enumAt('targets[].java.protocols')).to.deep.equal([...serverProtocols]);
    expect(enumAt('targets[].java.storeType')).to.deep.equal([...javaStoreTypes]);
    expect(enumAt('targets[].backend.format')).to.deep.equal([...forwardedCertificateFormats]);
    expect(enumAt('targets[].backend.misconfiguration')).to.deep.equal([...backendMisconfigurations]);
  });

  it('shows the defaults that loadConfig and the providers apply', () => {
    const defaults = Object.fromEntries(
      [...schemaPaths(configSchema)]
        .filter(([, node]) => node.default !== undefined)
        .map(([path, node]) => [path, node.default]),
    );
    expect(defaults).to.deep.equal({
      fixtures: configDefaults.fixtures,
      reportDir: configDefaults.reportDir,
      concurrency: configDefaults.concurrency,
      'timeouts.connectMs': configDefaults.timeouts.connectMs,
      'timeouts.handshakeMs': configDefaults.timeouts.handshakeMs,
      'timeouts.responseMs': configDefaults.timeouts.responseMs,
      'targets[].provider': configDefaults.provider,
      'targets[].suite': configDefaults.suite,
      'targets[].rejectAt': configDefaults.rejectAt,
      'targets[].tlsVersions': configDefaults.tlsVersions,
      'targets[].mock.clientAuth': MOCK_DEFAULTS.clientAuth,
      'targets[].mock.refusal': MOCK_DEFAULTS.refusal,
      'targets[].mock.misconfiguration': MOCK_DEFAULTS.misconfiguration,
      'targets[].nginx.verifyClient': NGINX_DEFAULTS.verifyClient,
      'targets[].nginx.verifyDepth': NGINX_DEFAULTS.verifyDepth,
      'targets[].nginx.binary': NGINX_DEFAULTS.binary,
      'targets[].nginx.sniHostCheck': NGINX_DEFAULTS.sniHostCheck,
      'targets[].nginx.crl': NGINX_DEFAULTS.crl,
      'targets[].nginx.ocsp': NGINX_DEFAULTS.ocsp,
      'targets[].openssl.crlCheck': OPENSSL_DEFAULTS.crlCheck,
      'targets[].revocation.crl': REVOCATION_DEFAULTS.crl,
      'targets[].revocation.ocsp': REVOCATION_DEFAULTS.ocsp,
      'targets[].revocation.crlFile': REVOCATION_DEFAULTS.crlFile,
      'targets[].nginx.allowListMatch': NGINX_DEFAULTS.allowListMatch,
      'targets[].accepts.keyTypes': defaultKeyPolicy.keyTypes,
      'targets[].accepts.minRsaBits': defaultKeyPolicy.minRsaBits,
      'targets[].accepts.sha1': defaultKeyPolicy.sha1,
      'targets[].openssl.verify': OPENSSL_DEFAULTS.verify,
      'targets[].container.image': DEFAULT_CONTAINER_IMAGE,
      'targets[].apache.verifyClient': APACHE_DEFAULTS.verifyClient,
      'targets[].apache.verifyDepth': APACHE_DEFAULTS.verifyDepth,
      'targets[].apache.binary': APACHE_DEFAULTS.binary,
      'targets[].apache.modulesDir': APACHE_DEFAULTS.modulesDir,
      'targets[].haproxy.verify': HAPROXY_DEFAULTS.verify,
      'targets[].haproxy.binary': HAPROXY_DEFAULTS.binary,
      'targets[].java.clientAuth': JAVA_DEFAULTS.clientAuth,
      'targets[].java.storeType': JAVA_DEFAULTS.storeType,
      'targets[].java.binary': JAVA_DEFAULTS.binary,
      'targets[].backend.verifiedValue': defaultVerifiedValue,
    });
  });

  it('hands provider blocks to createTargetProvider as they are (a type-level check)', () => {
    const declaration = { name: 'x', trusts: ['ca1'], rejectAt: 'any', tlsVersions: ['TLSv1.2'] } as const;
    const specs = (target: TargetConfig): TargetProviderSpec => {
      switch (target.provider) {
        case 'url':
          return { provider: 'url', declaration: toTargetDeclaration(target) };
        case 'mock':
          return { provider: 'mock', declaration, mock: target.mock };
        case 'nginx':
          return { provider: 'nginx', declaration, nginx: target.nginx };
        case 'openssl':
          return { provider: 'openssl', declaration, openssl: target.openssl };
        case 'container':
          return {
            provider: 'container',
            declaration,
            container: target.container,
            ...(target.nginx ? { nginx: target.nginx } : {}),
          };
        case 'apache':
          return { provider: 'apache', declaration, apache: target.apache };
        case 'haproxy':
          return { provider: 'haproxy', declaration, haproxy: target.haproxy };
        case 'java':
          return { provider: 'java', declaration, java: target.java };
      }
    };
    expect(specs).to.be.a('function');
  });

  it('offers the minimal form of issue 4 as its example', () => {
    expect(configSchema.examples).to.deep.equal([minimalConfigExample]);
  });
});
