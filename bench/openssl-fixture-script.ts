import type { ResolvedFixtureSpec, ResolvedIdentity } from '../harness/pki/validate-fixture-spec.ts';

/** A shell script and the config files it reads, to be written into one folder and run there. */
export interface OpensslFixtureScript {
  script: string;
  files: Record<string, string>;
}

/**
 * The seed's openssl command sequence (002_…: `genrsa` + `req -x509` per CA, `req -new -newkey` with a
 * tppN.cnf + `x509 -req -CA` per client), extended to every identity of the fixture set so both make
 * the same certificates: the same subjects, key sizes, validity and extensions (an extension file per
 * leaf for SAN/EKU, as the seed's `req_cert_extensions`), the intermediate's chain file, the trust
 * bundles, and a PKCS#12 keystore per identity (`openssl pkcs12 -export`, AES-256 by default in
 * OpenSSL 3, as the harness writes). Sequential, as a hand-made script runs.
 *
 * Validities that do not start now (expired, not-yet-valid) need explicit dates, which `x509 -req`
 * of OpenSSL 3.0 cannot set: those go through `openssl ca -startdate -enddate`, as a person would.
 */
export function opensslFixtureScript(
  spec: ResolvedFixtureSpec,
  now: Date = new Date(),
): OpensslFixtureScript {
  const files: Record<string, string> = { 'ca.cnf': caConfig() };
  const lines = ['#!/bin/sh', 'set -eu', 'mkdir -p trust ca-db', ': > ca-db/index.txt'];
  for (const identity of spec.identities) {
    const name = identity.name;
    const days = 'days' in identity.validity ? identity.validity.days : undefined;
    files[`${name}.cnf`] = requestConfig(identity);
    files[`${name}.ext`] = extensions(identity);
    if (identity.role === 'root-ca' || identity.issuer === null) {
      // The seed's CA commands: genrsa (genpkey for the other key types), then a self-signed req -x509.
      lines.push(
        identity.keyAlgorithm === 'rsa'
          ? `openssl genrsa -out ${name}.key ${identity.keySize} 2>/dev/null`
          : `openssl genpkey ${genpkeyArguments(identity)} -out ${name}.key 2>/dev/null`,
      );
      lines.push(
        `openssl req -new -x509${digestFlag(identity, identity)} -days ${days ?? 3650} -key ${name}.key -config ${name}.cnf -extensions ext -out ${name}.crt`,
      );
    } else {
      // The seed's client commands: req -new -newkey with a .cnf, then x509 -req signed by the issuer.
      lines.push(
        `openssl req -new ${newkeyArguments(identity)} -nodes -out ${name}.csr -keyout ${name}.key -config ${name}.cnf 2>/dev/null`,
      );
      const issuer = spec.identities.find((other) => other.name === identity.issuer)!;
      const digest = digestFlag(identity, issuer);
      const window = datesOf(identity, now);
      if (window === undefined) {
        lines.push(
          `openssl x509 -req${digest} -days ${days ?? 825} -in ${name}.csr -CA ${identity.issuer}.crt -CAkey ${identity.issuer}.key -CAcreateserial -extfile ${name}.ext -extensions ext -out ${name}.crt 2>/dev/null`,
        );
      } else {
        lines.push(
          `openssl ca -batch -config ca.cnf -notext -preserveDN${digest === '' ? '' : ` -md ${identity.signatureHash}`} -cert ${identity.issuer}.crt -keyfile ${identity.issuer}.key -startdate ${window.start} -enddate ${window.end} -extfile ${name}.ext -extensions ext -in ${name}.csr -out ${name}.crt 2>/dev/null`,
        );
      }
    }
    const issuer = identity.issuer;
    const chain =
      issuer !== null && spec.identities.find((other) => other.name === issuer)?.role === 'intermediate-ca';
    if (chain) lines.push(`cat ${issuer}.crt > ${name}.chain.pem`);
    lines.push(
      `openssl pkcs12 -export -in ${name}.crt -inkey ${name}.key${chain ? ` -certfile ${name}.chain.pem` : ''} -name ${name} -passout env:FIXTURE_PASS -out ${name}.p12`,
    );
  }
  for (const ca of spec.identities.filter((identity) => identity.role === 'root-ca')) {
    lines.push(`cat ${ca.name}.crt > trust/${ca.name}.pem`);
  }
  for (const bundle of spec.trustBundles) {
    lines.push(`cat ${bundle.map((name) => `${name}.crt`).join(' ')} > trust/${bundle.join('+')}.pem`);
  }
  return { script: `${lines.join('\n')}\n`, files };
}

// `-newkey` of `openssl req`: the seed's rsa:BITS, and the other key types the fixture set has.
function newkeyArguments(identity: ResolvedIdentity): string {
  switch (identity.keyAlgorithm) {
    case 'rsa':
      return `-newkey rsa:${identity.keySize}`;
    case 'rsa-pss':
      return `-newkey rsa-pss -pkeyopt rsa_keygen_bits:${identity.keySize}`;
    case 'ec':
      return `-newkey ec -pkeyopt ec_paramgen_curve:${identity.curve}`;
    case 'ed25519':
      return '-newkey ed25519';
  }
}

function genpkeyArguments(identity: ResolvedIdentity): string {
  switch (identity.keyAlgorithm) {
    case 'rsa':
    case 'rsa-pss':
      return `-algorithm ${identity.keyAlgorithm.toUpperCase()} -pkeyopt rsa_keygen_bits:${identity.keySize}`;
    case 'ec':
      return `-algorithm EC -pkeyopt ec_paramgen_curve:${identity.curve}`;
    case 'ed25519':
      return '-algorithm ED25519';
  }
}

// The signature's digest, as the spec names it; an Ed25519 issuer signs with no separate digest.
function digestFlag(identity: ResolvedIdentity, issuer: ResolvedIdentity): string {
  return issuer.keyAlgorithm === 'ed25519' ? '' : ` -${identity.signatureHash}`;
}

// The seed's tppN.cnf, with the identity's subject: utf8only, no prompt, and the DN in spec order.
function requestConfig(identity: ResolvedIdentity): string {
  const dn = Object.entries(identity.subject).map(([key, value]) => `${key} = ${value}`);
  return [
    '[req]',
    ...(identity.keySize === null ? [] : [`default_bits = ${identity.keySize}`]),
    'default_md = sha256',
    'prompt = no',
    'string_mask = utf8only',
    'utf8 = yes',
    'distinguished_name = dn',
    '',
    '[dn]',
    ...dn,
    '',
    extensions(identity),
  ].join('\n');
}

// The harness's extensions (issue-certificate.ts): CAs critical basicConstraints + keyCertSign; leaves
// the seed's `basicConstraints = CA:FALSE`, `keyUsage = critical,digitalSignature,keyEncipherment`.
function extensions(identity: ResolvedIdentity): string {
  const isCa = identity.role === 'root-ca' || identity.role === 'intermediate-ca';
  const lines = ['[ext]', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid'];
  if (isCa) {
    const pathLength = identity.pathLength === null ? '' : `, pathlen:${identity.pathLength}`;
    lines.push(`basicConstraints = critical, CA:TRUE${pathLength}`);
  } else {
    lines.push(
      identity.leafCa === true ? 'basicConstraints = critical, CA:TRUE' : 'basicConstraints = CA:FALSE',
    );
  }
  // As certificate-extensions.ts: CAs sign; RSA leaves also encipher keys (the seed's), others cannot.
  const keyUsage =
    identity.keyUsage ??
    (isCa
      ? ['keyCertSign', 'cRLSign', 'digitalSignature']
      : identity.keyAlgorithm === 'rsa'
        ? ['digitalSignature', 'keyEncipherment']
        : ['digitalSignature']);
  lines.push(`keyUsage = critical, ${keyUsage.join(', ')}`);
  const constraints = identity.nameConstraints;
  if (constraints !== null) {
    const subtrees = (kind: 'permitted' | 'excluded') => [
      ...constraints[kind].dns.map((dns) => `${kind};DNS:${dns}`),
      ...constraints[kind].email.map((email) => `${kind};email:${email}`),
    ];
    lines.push(
      `nameConstraints = critical, ${[...subtrees('permitted'), ...subtrees('excluded')].join(', ')}`,
    );
  }
  if (identity.extendedKeyUsage.length > 0)
    lines.push(`extendedKeyUsage = ${identity.extendedKeyUsage.join(', ')}`);
  const altNames = [
    ...identity.subjectAltNames.dns.map((dns) => `DNS:${dns}`),
    ...identity.subjectAltNames.ip.map((ip) => `IP:${ip}`),
    ...identity.subjectAltNames.uri.map((uri) => `URI:${uri}`),
    ...identity.subjectAltNames.email.map((email) => `email:${email}`),
  ];
  if (altNames.length > 0) lines.push(`subjectAltName = ${altNames.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function datesOf(identity: ResolvedIdentity, now: Date): { start: string; end: string } | undefined {
  const validity = identity.validity;
  if ('days' in validity) {
    if ((validity.startsInDays ?? 0) === 0) return undefined;
    const start = new Date(now.getTime() + (validity.startsInDays ?? 0) * 86_400_000);
    const end = new Date(start.getTime() + validity.days * 86_400_000);
    return { start: asn1Time(start), end: asn1Time(end) };
  }
  return { start: asn1Time(new Date(validity.notBefore)), end: asn1Time(new Date(validity.notAfter)) };
}

// GeneralizedTime, as `openssl ca -startdate` takes it: YYYYMMDDHHMMSSZ.
function asn1Time(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

// The smallest `openssl ca` set-up: a database, a serial from random, any subject allowed.
function caConfig(): string {
  return [
    '[ca]',
    'default_ca = bench',
    '[bench]',
    'database = ca-db/index.txt',
    'new_certs_dir = ca-db',
    'rand_serial = yes',
    'default_md = sha256',
    'policy = any',
    'unique_subject = no',
    'copy_extensions = none',
    '[any]',
    'commonName = supplied',
    '',
  ].join('\n');
}
