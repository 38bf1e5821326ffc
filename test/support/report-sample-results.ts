import { createHash } from 'node:crypto';
import type { CertificateSummary } from '../../harness/pki/certificate-summary.ts';
import type { Observation } from '../../harness/probe/observation.ts';
import { reproduceCommand } from '../../harness/report/reproduce-command.ts';
import type {
  Expectation,
  RunResults,
  ScenarioResult,
  TargetResult,
  VerdictCounts,
} from '../../harness/report/run-results.ts';

// Realistic results of the Open Banking test plan, with fixed dates and fingerprints so that reports
// made from them are stable: a target trusting ca1+ca2 that passes everything, and one declared as
// trusting only ca1 that still lets the ca2 client in (the seed's "CA1-only" case, failing).

const rootDn = 'C=BR, ST=São Paulo, L=São Paulo, O=Axway, CN=Axway Root CA';
const tppDn = (name: string): string =>
  `businessCategory=Test client ${name}, jurisdictionC=BR, serialNumber=18505934000140, C=BR, O=AXWAY, ST=SP, L=São Paulo, OU=00000000-0000-0000-0000-000000000002, UID=00000000-0000-0000-0000-000000000002, CN=${name}.demo.axway.com`;

export function certificate(
  name: string,
  issuer = rootDn,
  validity: [string, string] = ['2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
): CertificateSummary {
  const digest = createHash('sha256').update(name).digest('hex').toUpperCase();
  return {
    subject: name.startsWith('C=') ? name : tppDn(name),
    issuer,
    serialNumber: digest.slice(0, 16),
    notBefore: validity[0],
    notAfter: validity[1],
    fingerprintSha256: digest.match(/../g)!.join(':'),
    subjectAltNames: [`${name}.demo.axway.com`],
  };
}

const serverChain = [certificate('C=BR, O=Axway, CN=localhost'), certificate(rootDn, rootDn)];
const timings = { connectMs: 0.4, handshakeMs: 6.1, responseMs: 1.8, totalMs: 8.3 };

function acceptableCaNames(trusts: readonly string[]): Observation['acceptableCaNames'] {
  // ca1 and ca2 have the same DN: a server trusting both names it twice.
  return { obtained: true, names: trusts.map(() => rootDn) };
}

export function acceptedObservation(
  url: string,
  client: CertificateSummary | undefined,
  trusts: readonly string[],
  protocol = 'TLSv1.3',
): Observation {
  return {
    url,
    outcome: 'accepted',
    stage: 'http',
    reason: 'HTTP 200 from the server',
    http: {
      status: 200,
      headers: { 'content-type': 'application/json', server: 'nginx' },
      bodyExcerpt: '{"status":"ok"}',
    },
    tls: {
      protocol,
      cipher: protocol === 'TLSv1.3' ? 'TLS_AES_256_GCM_SHA384' : 'ECDHE-RSA-AES256-GCM-SHA384',
      clientCertificateRequested: true,
      serverChain,
      serverTrusted: true,
      hostnameMatches: true,
    },
    acceptableCaNames: acceptableCaNames(trusts),
    ...(client ? { clientCertificate: client } : {}),
    timings,
  };
}

export function rejectedObservation(
  url: string,
  client: CertificateSummary | undefined,
  trusts: readonly string[],
  alert = { code: 42, name: 'bad_certificate' },
): Observation {
  return {
    url,
    outcome: 'rejected',
    stage: 'after-handshake',
    reason: `server sent TLS alert ${alert.code} ${alert.name} after the handshake`,
    errorCode: `ERR_SSL_TLSV13_ALERT_${alert.name.toUpperCase()}`,
    alert,
    tls: {
      protocol: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      clientCertificateRequested: true,
      serverChain,
      serverTrusted: true,
      hostnameMatches: true,
    },
    acceptableCaNames: acceptableCaNames(trusts),
    ...(client ? { clientCertificate: client } : {}),
    timings: { connectMs: 0.4, handshakeMs: 5.2, totalMs: 6.0 },
  };
}

interface CatalogueEntry {
  id: string;
  title: string;
  client: CertificateSummary | undefined;
  expect(trusts: readonly string[]): { expected: Expectation; because: string };
}

const rejected = (because: string) => () => ({ expected: 'rejected' as const, because });
const acceptedIfTrusts =
  (ca: string, fixture: string) =>
  (trusts: readonly string[]): { expected: Expectation; because: string } => ({
    expected: trusts.includes(ca) ? 'accepted' : 'rejected',
    because: `target trusts [${trusts.join(', ')}]; ${fixture} is issued by ${ca}`,
  });

const intermediateDn = 'C=BR, ST=São Paulo, L=São Paulo, O=Axway, CN=Axway Intermediate CA';

export const catalogue: CatalogueEntry[] = [
  {
    id: 'no-client-cert',
    title: 'No client certificate',
    client: undefined,
    expect: rejected('a client without a certificate is always refused'),
  },
  {
    id: 'trusted-client',
    title: 'Client certificate from a trusted CA',
    client: certificate('tpp1'),
    expect: acceptedIfTrusts('ca1', 'tpp1'),
  },
  {
    id: 'second-ca-client',
    title: 'Client certificate from the second CA (same subject DN as ca1)',
    client: certificate('tpp2'),
    expect: acceptedIfTrusts('ca2', 'tpp2'),
  },
  {
    id: 'untrusted-ca',
    title: 'Client certificate from an untrusted CA',
    client: certificate('rogue', 'C=BR, O=Rogue Ltd, CN=Rogue Root CA'),
    expect: rejected('rogue is issued by rogue-ca, which no target trusts'),
  },
  {
    id: 'expired-client-cert',
    title: 'Expired client certificate',
    client: certificate('expired', rootDn, ['2024-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z']),
    expect: rejected('expired is past its notAfter'),
  },
  {
    id: 'not-yet-valid-client-cert',
    title: 'Client certificate not yet valid',
    client: certificate('not-yet-valid', rootDn, ['2030-01-01T00:00:00.000Z', '2031-01-01T00:00:00.000Z']),
    expect: rejected('not-yet-valid is before its notBefore'),
  },
  {
    id: 'self-signed-client-cert',
    title: 'Self-signed client certificate',
    client: certificate('self-signed', tppDn('self-signed')),
    expect: rejected('self-signed chains to no CA'),
  },
  {
    id: 'wrong-eku',
    title: 'Client certificate without the clientAuth extended key usage',
    client: certificate('wrong-eku'),
    expect: rejected('wrong-eku has serverAuth only'),
  },
  {
    id: 'intermediate-chain',
    title: 'Client certificate behind an intermediate CA, chain sent',
    client: certificate('intermediate-leaf', intermediateDn),
    expect: acceptedIfTrusts('ca1', 'intermediate-leaf (via intermediate-ca)'),
  },
  {
    id: 'missing-intermediate',
    title: 'Client certificate behind an intermediate CA, chain not sent',
    client: certificate('intermediate-leaf', intermediateDn),
    expect: rejected('without its intermediate, intermediate-leaf chains to no trusted CA'),
  },
  {
    id: 'bad-keystore-password',
    title: 'Keystore opened with a wrong password, then the right one',
    client: certificate('tpp1'),
    expect: acceptedIfTrusts('ca1', 'tpp1'),
  },
  {
    id: 'tls-legacy-versions',
    title: 'Trusted client over TLS 1.0 and TLS 1.1',
    client: certificate('tpp1'),
    expect: rejected('TLS 1.0 and 1.1 are deprecated (RFC 8996)'),
  },
  {
    id: 'tls-1.2',
    title: 'Trusted client over TLS 1.2',
    client: certificate('tpp1'),
    expect: acceptedIfTrusts('ca1', 'tpp1'),
  },
  {
    id: 'tls-1.3',
    title: 'Trusted client over TLS 1.3',
    client: certificate('tpp1'),
    expect: acceptedIfTrusts('ca1', 'tpp1'),
  },
  {
    id: 'server-identity',
    title: 'Server certificate chain, host name and validity',
    client: certificate('tpp1'),
    expect: () => ({ expected: 'accepted', because: 'the server chain must validate to serverCa ca1' }),
  },
];

/** A target declared to trust `trusts` that behaves as if it trusted `actuallyTrusts`. */
export function targetResult(
  name: string,
  url: string,
  trusts: readonly string[],
  actuallyTrusts: readonly string[] = trusts,
): TargetResult {
  return {
    name,
    url,
    suite: 'server',
    trusts: [...trusts],
    provider: 'nginx',
    serverCa: 'ca1',
    startMs: 41,
    scenarios: catalogue.map((entry, index) => scenarioResult(entry, url, trusts, actuallyTrusts, index)),
  };
}

function scenarioResult(
  entry: CatalogueEntry,
  url: string,
  trusts: readonly string[],
  actuallyTrusts: readonly string[],
  index: number,
): ScenarioResult {
  const { expected, because } = entry.expect(trusts);
  const actual = entry.expect(actuallyTrusts).expected;
  const protocol = entry.id === 'tls-1.2' ? 'TLSv1.2' : 'TLSv1.3';
  const observed =
    actual === 'accepted'
      ? acceptedObservation(url, entry.client, actuallyTrusts, protocol)
      : rejectedObservation(
          url,
          entry.client,
          actuallyTrusts,
          entry.client ? undefined : { code: 116, name: 'certificate_required' },
        );
  const pass = actual === expected;
  const result: ScenarioResult = {
    id: entry.id,
    title: entry.title,
    expected,
    expectationBasis: because,
    observed,
    verdict: pass ? 'pass' : 'fail',
    reason: pass
      ? `${expected} as expected: ${observed.reason}`
      : `expected ${expected}, observed ${observed.outcome}: HTTP ${observed.http?.status ?? '-'}`,
    durationMs: 9 + index,
  };
  if (!pass) {
    if (entry.id === 'second-ca-client') {
      result.likelyCause =
        "the endpoint trusts ca2, which has ca1's name and another key: a bundle with both (trust/ca1+ca2.pem) where only ca1 is meant, or issuers matched by name rather than signature";
    }
    result.reproduce = reproduceCommand({
      url,
      certFile: '/work/fixtures/tpp2.crt',
      keyFile: '/work/fixtures/tpp2.key',
      caFile: '/work/fixtures/ca1.crt',
    });
  }
  if (entry.id === 'tls-legacy-versions') {
    result.steps = [
      {
        label: 'TLS 1.0',
        observation: {
          ...rejectedObservation(url, entry.client, trusts, { code: 70, name: 'protocol_version' }),
          stage: 'tls-handshake',
          reason: 'server sent TLS alert 70 protocol_version during the handshake',
        },
      },
      {
        label: 'TLS 1.1',
        observation: {
          ...rejectedObservation(url, entry.client, trusts, { code: 70, name: 'protocol_version' }),
          stage: 'tls-handshake',
          reason: 'server sent TLS alert 70 protocol_version during the handshake',
        },
      },
    ];
  }
  if (entry.id === 'bad-keystore-password') {
    result.steps = [
      {
        label: 'wrong password',
        observation: null,
        note: 'tpp1.p12: the password does not open this keystore (PKCS#12 MAC check failed)',
      },
      { label: 'right password', observation: observed },
    ];
  }
  return result;
}

export function countVerdicts(targets: readonly TargetResult[]): VerdictCounts {
  const counts: VerdictCounts = { pass: 0, fail: 0, skip: 0, notRun: 0, undecided: 0 };
  for (const scenario of targets.flatMap((target) => target.scenarios)) {
    if (scenario.verdict === 'not-run') counts.notRun += 1;
    else counts[scenario.verdict] += 1;
    if (scenario.verdict === 'fail' && scenario.undecided) counts.undecided += 1;
  }
  return counts;
}

export function runResults(targets: TargetResult[], interrupted = false): RunResults {
  return {
    version: 1,
    tool: { name: 'mtls-conformance', version: '0.1.0' },
    startedAt: '2026-03-02T10:00:00.000Z',
    finishedAt: '2026-03-02T10:00:01.250Z',
    interrupted,
    targets,
    summary: countVerdicts(targets),
  };
}

/** The seed's two test configurations, the second declared as CA1-only but still accepting ca2. */
export function sampleRunResults(): RunResults {
  return runResults([
    targetResult('ca1-and-ca2', 'https://127.0.0.1:8443/healthcheck', ['ca1', 'ca2']),
    targetResult('ca1-only', 'https://127.0.0.1:9443/healthcheck', ['ca1'], ['ca1', 'ca2']),
  ]);
}

/** The failing scenario of sampleRunResults(). */
export const failingScenario = { target: 'ca1-only', id: 'second-ca-client' } as const;

/**
 * sampleRunResults() with hostile text wherever a server or a config can put some: markup, `]]>`,
 * terminal escapes, NUL, a bidi override, and strings mochawesome's page would turn into media or links.
 */
export function hostileRunResults(): RunResults {
  const results = sampleRunResults();
  const target = results.targets[1]!;
  target.name = 'evil<script>window.__pwned=1</script>';
  const failing = target.scenarios.find((scenario) => scenario.id === 'second-ca-client')!;
  failing.title = 'title ]]> with "quotes" & \u001B[31mred\u001B[0m\u0000';
  failing.reason =
    'expected rejected\n<img src=x onerror="window.__pwned=2">\t\u001B[2J cleared & \u202Eesrever';
  const observed = failing.observed!;
  observed.http!.bodyExcerpt = '<script>alert(1)</script> ]]> \u0007\nhttp://evil.example/x.png';
  observed.acceptableCaNames = {
    obtained: true,
    names: ['http://evil.example/a.mp4#x', 'data:image/png;base64,iVBORw0KGgo='],
  };
  observed.clientCertificate = { ...observed.clientCertificate!, subject: 'CN=evil.example/logo.png' };
  return results;
}
