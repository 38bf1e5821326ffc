import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { StartedOcspResponder } from '../servers/ocsp-responder.ts';
import type { TargetFixtures } from './target-fixtures.ts';
import type { LocalTargetDeclaration } from './target-provider.ts';

/** The client whose key signs the `unauthorized-signer` answers: ca1 issued it, but not for OCSP. */
export const UNAUTHORIZED_OCSP_SIGNER = 'tpp1';

/**
 * The harness's OCSP responder for a target it starts that declares `revocation.ocsp` (require or
 * soft-fail), on a port of 127.0.0.1 the system chooses: the generated config names its URL
 * (nginx `ssl_ocsp_responder`), so the fixtures need no authorityInfoAccess. Undefined otherwise. It
 * also runs for a target configured without OCSP (nginx.ocsp false), whose faults then change nothing:
 * the scenarios see the target let the client in, as they must.
 */
export async function startTargetOcspResponder(params: {
  declaration: LocalTargetDeclaration;
  fixtures: TargetFixtures;
}): Promise<StartedOcspResponder | undefined> {
  const ocsp = params.declaration.revocation?.ocsp ?? 'off';
  if (ocsp === 'off') return undefined;
  const setDir = params.fixtures.dir;
  // Loaded here: the OCSP and CRL parsers (@peculiar/*) cost every run ~0.1 s to load, and few need them.
  const [{ readOcspAuthorities }, { startOcspResponder }] = await Promise.all([
    import('../pki/read-ocsp-authorities.ts'),
    import('../servers/ocsp-responder.ts'),
  ]);
  const [authorities, key, certificate] = await Promise.all([
    readOcspAuthorities(setDir),
    readFile(params.fixtures.path(UNAUTHORIZED_OCSP_SIGNER, 'key'), 'utf8'),
    readFile(params.fixtures.path(UNAUTHORIZED_OCSP_SIGNER, 'crt'), 'utf8'),
  ]);
  return startOcspResponder(authorities, {
    unauthorizedSigner: {
      privateKeyPem: key,
      certificateDer: new X509Certificate(certificate).raw,
      isIssuer: false,
    },
  });
}
