import { performance } from 'node:perf_hooks';
import type { FixtureSet } from '../pki/fixture-set.ts';
import { MockMtlsServer } from '../servers/mock-mtls-server.ts';
import { tlsVersions, type TlsVersion } from '../servers/tls-version.ts';
import { MOCK_DEFAULTS, type MockTargetOptions } from './mock-target-options.ts';
import { localTargetUrl } from './local-target-url.ts';
import { StartedTargetHandle } from './started-target-handle.ts';
import { gatewayBackendOf, startGatewayBackend } from './gateway-backend.ts';
import { SERVER_FIXTURE } from './target-fixtures.ts';
import type { LocalTargetDeclaration, StartedTarget, TargetProvider } from './target-provider.ts';

export interface MockTargetParams {
  declaration: LocalTargetDeclaration;
  fixtures: Pick<FixtureSet, 'identity' | 'trustBundlePem'> & Partial<Pick<FixtureSet, 'dir'>>;
  options?: MockTargetOptions;
}

/**
 * The built-in MockMtlsServer on a free port of 127.0.0.1, trusting the declared CAs and offering the
 * declared TLS versions: a target that needs nothing installed.
 */
export class MockTargetProvider implements TargetProvider {
  readonly kind = 'mock';

  constructor(private readonly params: MockTargetParams) {}

  async start(): Promise<StartedTarget> {
    const started = performance.now();
    const { declaration, fixtures, options = {} } = this.params;
    const [min, max] = versionRange(declaration.tlsVersions);
    const builder = new MockMtlsServer(fixtures.identity(SERVER_FIXTURE))
      .withClientAuth(options.clientAuth ?? MOCK_DEFAULTS.clientAuth)
      .withRefusal(options.refusal ?? MOCK_DEFAULTS.refusal)
      .withTlsVersions(min, max);
    if (declaration.trusts.length > 0) builder.withTrust(fixtures.trustBundlePem(declaration.trusts));
    // With `revocation: { crl: true }`, the mock checks every chain against the set's CRLs as nginx's
    // ssl_crl does (check-revoked-chain.ts).
    const revocation = declaration.revocation;
    if (revocation?.crl === true && fixtures.dir !== undefined) {
      // Loaded here: the CRL parser (@peculiar/x509) costs every run ~0.1 s to load, and few need it.
      const { revokedCertificateKeys } = await import('../pki/revoked-certificate-keys.ts');
      builder.withRevocation(
        await revokedCertificateKeys(fixtures.dir, declaration.trusts, revocation.crlFile),
      );
    }
    const misconfiguration = options.misconfiguration ?? MOCK_DEFAULTS.misconfiguration;
    if (misconfiguration !== 'none') builder.withMisconfiguration(misconfiguration);
    // The target's declared policy is what the mock enforces: it plays a correctly configured gateway.
    builder.withKeyPolicy(declaration.accepts ?? {});
    if (declaration.allowedSubjects !== undefined) builder.withAllowedSubjects(declaration.allowedSubjects);
    // The other sites of its address, the first as the default server, as the nginx provider renders them.
    for (const shared of declaration.sharedWith ?? []) {
      builder.withVirtualHost(shared.name, {
        mtls: shared.mtls,
        ...(shared.mtls ? { trustPem: fixtures.trustBundlePem(shared.trusts ?? []) } : {}),
      });
    }
    // With `backend:`, the mock is the gateway in front of a recording backend.
    const backend = await startGatewayBackend(declaration);
    if (backend !== undefined && declaration.backend !== undefined) {
      builder.withBackend(backend.url, declaration.backend);
    }
    const server = await builder.start().catch(async (error: unknown) => {
      await backend?.stop();
      throw error;
    });
    return new StartedTargetHandle({
      kind: this.kind,
      declaration: { ...declaration, url: localTargetUrl(declaration, server.port) },
      startMs: Math.round(performance.now() - started),
      ...(backend === undefined ? {} : { backend: gatewayBackendOf(backend) }),
      teardown: async () => {
        await server.stop();
        await backend?.stop();
      },
    });
  }
}

/** The oldest and newest of the declared versions; TLS 1.2 to 1.3 when none are declared. */
function versionRange(declared: readonly TlsVersion[]): [TlsVersion, TlsVersion] {
  const sorted = tlsVersions.filter((version) => declared.includes(version));
  return [sorted[0] ?? 'TLSv1.2', sorted.at(-1) ?? 'TLSv1.3'];
}
