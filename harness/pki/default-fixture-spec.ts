import type { FixtureSpec, IdentitySpec } from './fixture-spec.ts';

// The Open Banking test plan (seed 002): two root CAs created with the same -subj, and TPP client
// certificates made from tpp1.cnf / tpp2.cnf. The identity names are a contract: scenarios refer to them.
const axwayRootCa = {
  C: 'BR',
  ST: 'São Paulo',
  L: 'São Paulo',
  O: 'Axway',
  CN: 'Axway Root CA',
};

/** The subject of the seed's tppN.cnf, `[client_distinguished_name]`, in the same order. */
function tppSubject(commonName: string, businessCategory: string): Record<string, string> {
  return {
    businessCategory,
    jurisdictionCountryName: 'BR',
    serialNumber: '18505934000140',
    countryName: 'BR',
    organizationName: 'AXWAY',
    stateOrProvinceName: 'SP',
    localityName: 'São Paulo',
    organizationalUnitName: '00000000-0000-0000-0000-000000000002',
    UID: '00000000-0000-0000-0000-000000000002',
    commonName,
  };
}

function client(name: string, issuer: string | undefined, description: string): IdentitySpec {
  const commonName = `${name}.demo.axway.com`;
  return {
    name,
    role: 'client',
    description,
    ...(issuer === undefined ? {} : { issuer }),
    subject: tppSubject(commonName, `Test client ${name}`),
    subjectAltNames: { dns: [commonName] },
  };
}

function localServer(name: string, issuer: string, description: string): IdentitySpec {
  return {
    name,
    role: 'server',
    description,
    issuer,
    subject: { C: 'BR', O: 'Axway', CN: 'localhost' },
    subjectAltNames: { dns: ['localhost'], ip: ['127.0.0.1'] },
  };
}

/** The built-in fixture set: what `mtls-conformance fixtures` writes without `--spec`. */
export const defaultFixtureSpec: FixtureSpec = {
  version: 1,
  identities: [
    { name: 'ca1', role: 'root-ca', description: 'root CA of the trusted TPPs', subject: axwayRootCa },
    {
      name: 'ca2',
      role: 'root-ca',
      description: 'second root CA with the same subject DN as ca1',
      subject: axwayRootCa,
    },
    {
      name: 'rogue-ca',
      role: 'root-ca',
      description: 'root CA that no target trusts',
      subject: { C: 'BR', O: 'Rogue Ltd', CN: 'Rogue Root CA' },
    },
    {
      name: 'intermediate-ca',
      role: 'intermediate-ca',
      description: 'CA signed by ca1, pathLen 0',
      issuer: 'ca1',
      subject: { C: 'BR', ST: 'São Paulo', L: 'São Paulo', O: 'Axway', CN: 'Axway Intermediate CA' },
      pathLength: 0,
    },
    {
      name: 'server',
      role: 'server',
      description: 'server certificate for localhost and 127.0.0.1',
      issuer: 'ca1',
      subject: { C: 'BR', O: 'Axway', CN: 'localhost' },
      subjectAltNames: { dns: ['localhost'], ip: ['127.0.0.1'] },
    },
    {
      ...client('tpp1', 'ca1', 'valid client certificate from ca1'),
      subject: tppSubject('tpp1.demo.axway.com', 'Third Party Provider 1'),
    },
    {
      ...client('tpp2', 'ca2', 'valid client certificate from ca2'),
      subject: tppSubject('tpp2.demo.axway.com', 'Third Party Provider 2'),
    },
    // A second valid client of ca1, registered to another user: the certificate-to-user mapping of the
    // authentication modes (webMethods seed 003) presents it with the first user's credentials.
    {
      ...client('tpp3', 'ca1', "valid client certificate from ca1, another user's"),
      subject: tppSubject('tpp3.demo.axway.com', 'Third Party Provider 3'),
    },
    {
      ...client('expired', 'ca1', 'validity entirely in the past'),
      validity: { startsInDays: -60, days: 30 },
    },
    {
      ...client('not-yet-valid', 'ca1', 'validity entirely in the future'),
      validity: { startsInDays: 30, days: 365 },
    },
    client('self-signed', undefined, 'signed by its own key, no CA'),
    client('rogue', 'rogue-ca', 'client certificate from rogue-ca'),
    { ...client('wrong-eku', 'ca1', 'EKU serverAuth only'), extendedKeyUsage: ['serverAuth'] },
    client('intermediate-leaf', 'intermediate-ca', 'client certificate behind intermediate-ca'),
    // Twins of tpp1: its exact subject and SANs from another CA (RFC 8705 §7.4 certificate spoofing;
    // Keycloak #52801). A gateway or authorization server that matches the DN without checking the
    // issuing CA takes them for tpp1. Shared by the key/certificate matrix and the OAuth suite.
    {
      ...client('tpp1-from-ca2', 'ca2', "tpp1's exact subject and SANs, issued by ca2"),
      subject: tppSubject('tpp1.demo.axway.com', 'Third Party Provider 1'),
      subjectAltNames: { dns: ['tpp1.demo.axway.com'] },
    },
    {
      ...client('tpp1-from-rogue', 'rogue-ca', "tpp1's exact subject and SANs, issued by rogue-ca"),
      subject: tppSubject('tpp1.demo.axway.com', 'Third Party Provider 1'),
      subjectAltNames: { dns: ['tpp1.demo.axway.com'] },
    },
    // Servers a client under test must refuse (the client suite): each is wrong in one way only, for
    // a client that trusts ca1 and connects to 127.0.0.1.
    {
      ...localServer('rogue-server', 'rogue-ca', 'server certificate for localhost from rogue-ca'),
      subject: { C: 'BR', O: 'Rogue Ltd', CN: 'localhost' },
    },
    {
      ...localServer('expired-server', 'ca1', 'server certificate for localhost, validity in the past'),
      validity: { startsInDays: -60, days: 30 },
    },
    {
      name: 'other-host-server',
      role: 'server',
      description: 'valid server certificate from ca1 for another host name only',
      issuer: 'ca1',
      subject: { C: 'BR', O: 'Axway', CN: 'other-host.example' },
      subjectAltNames: { dns: ['other-host.example'] },
    },
    // Revocation (issue 16): each is valid in every other way, so only a revocation check refuses it.
    // Listed on crl/<issuer>.crl.pem and answered `revoked` by the harness's OCSP responder.
    { ...client('revoked', 'ca1', 'client certificate from ca1, revoked'), revoked: true },
    {
      name: 'revoked-intermediate-ca',
      role: 'intermediate-ca',
      description: 'CA signed by ca1, pathLen 0, revoked by ca1',
      issuer: 'ca1',
      subject: { C: 'BR', O: 'Axway', CN: 'Axway Revoked Intermediate CA' },
      pathLength: 0,
      revoked: true,
    },
    client(
      'revoked-intermediate-leaf',
      'revoked-intermediate-ca',
      'client certificate behind revoked-intermediate-ca',
    ),
    // Valid and never revoked: the OCSP scenarios present it while the responder plays a fault for its
    // serial only, so the other scenarios running at the same time get true answers.
    client('ocsp-client', 'ca1', 'valid client certificate from ca1, for the OCSP fault scenarios'),
    // The key and certificate-policy matrix (#15): one fixture per key type, each wrong in one way only.
    // RFC 8813 / RFC 8410: EC and Ed25519 leaves get keyUsage digitalSignature only. Where the defect is
    // in the certificate, not the key (CA:TRUE, name constraints, allow-list near misses), the key is
    // P-256: under a millisecond to make against ~150 ms for RSA-2048, so cold generation stays as fast.
    {
      ...client('ec-client', 'ca1', 'ECDSA P-256 client certificate from ca1'),
      keyAlgorithm: 'ec',
      curve: 'P-256',
    },
    { ...client('ed25519-client', 'ca1', 'Ed25519 client certificate from ca1'), keyAlgorithm: 'ed25519' },
    {
      ...client('rsa-pss-client', 'ca1', 'RSASSA-PSS (id-RSASSA-PSS) key, client certificate from ca1'),
      keyAlgorithm: 'rsa-pss',
    },
    {
      ...client('weak-rsa-client', 'ca1', 'RSA-1024 client certificate from ca1 (weak key)'),
      keySize: 1024,
      weakKey: true,
    },
    // The SHA-1 is ca1's signature (RSA): the leaf's own key plays no part, so it is a cheap P-256 one.
    {
      ...client('sha1-client', 'ca1', 'client certificate signed by ca1 with SHA-1'),
      signatureHash: 'sha1',
      keyAlgorithm: 'ec',
    },
    {
      ...client('ca-true-client', 'ca1', 'client certificate from ca1 wrongly marked CA:TRUE'),
      basicConstraints: { ca: true },
      keyAlgorithm: 'ec',
    },
    {
      name: 'constrained-ca',
      role: 'intermediate-ca',
      description: 'CA signed by ca1, name-constrained to .demo.axway.com',
      issuer: 'ca1',
      subject: { C: 'BR', O: 'Axway', CN: 'Axway Constrained CA' },
      nameConstraints: { permitted: { dns: ['.demo.axway.com'] } },
      keyAlgorithm: 'ec',
    },
    {
      ...client(
        'constraint-violating-client',
        'constrained-ca',
        'client from constrained-ca, SAN outside its constraint',
      ),
      subject: tppSubject('tpp9.evil.test', 'Test client constraint-violating-client'),
      subjectAltNames: { dns: ['tpp9.evil.test'] },
      keyAlgorithm: 'ec',
    },
    // Near misses of tpp1 for subject allow-lists (ingress-nginx #8434: an unanchored regex over the DN).
    {
      ...client('tpp1-superstring', 'ca1', "CN is tpp1's with a suffix: tpp1.demo.axway.com.evil.test"),
      subject: tppSubject('tpp1.demo.axway.com.evil.test', 'Third Party Provider 1'),
      subjectAltNames: { dns: ['tpp1.demo.axway.com.evil.test'] },
      keyAlgorithm: 'ec',
    },
    {
      ...client('tpp1-ou-smuggle', 'ca1', 'an OU that contains CN=tpp1.demo.axway.com'),
      subject: {
        ...tppSubject('evil.demo.axway.com', 'Third Party Provider 1'),
        organizationalUnitName: 'CN=tpp1.demo.axway.com',
      },
      subjectAltNames: { dns: ['evil.demo.axway.com'] },
      keyAlgorithm: 'ec',
    },
    // Servers the client suite's key checks present: a weak key and a SHA-1 signature (RFC 9155 §3).
    {
      ...localServer('weak-key-server', 'ca1', 'server certificate for localhost with an RSA-1024 key'),
      keySize: 1024,
      weakKey: true,
    },
    {
      ...localServer('sha1-server', 'ca1', 'server certificate for localhost signed by ca1 with SHA-1'),
      signatureHash: 'sha1',
      keyAlgorithm: 'ec',
    },
  ],
  trustBundles: [['ca1', 'ca2']],
};
