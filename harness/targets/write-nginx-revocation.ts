import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NGINX_CRL_FILE, renderNginxRevocation } from './render-nginx-revocation.ts';
import type { TargetFixtures } from './target-fixtures.ts';
import type { LocalTargetDeclaration } from './target-provider.ts';

export interface NginxRevocationFiles {
  /** Lines for the server block; empty when nothing is declared. */
  lines: string[];
  /** Files written beside nginx.conf, absolute. */
  files: string[];
}

/**
 * With `revocation: { crl: true }` declared: writes the CRL file nginx's `ssl_crl` reads, from the
 * fixture set's `crl/` (the current CRLs, or the expired ones with `crlFile: expired`). `writeCrl` false
 * leaves it out: a gateway that declares CRL checking and does not do it.
 */
export async function writeNginxRevocation(params: {
  dir: string;
  declaration: LocalTargetDeclaration;
  fixtures: TargetFixtures;
  writeCrl: boolean;
  ocspResponder?: string;
}): Promise<NginxRevocationFiles> {
  const revocation = params.declaration.revocation;
  const crlCas: string[] = [];
  const files: string[] = [];
  if (revocation?.crl === true && params.writeCrl) {
    // The server fixture sits in the set's folder, whose crl/ holds the CRLs.
    const setDir = params.fixtures.dir;
    // Loaded here: the CRL parser (@peculiar/x509) costs every run ~0.1 s to load, and few need it.
    const { readCrlBundle } = await import('../pki/read-crl-bundle.ts');
    const bundle = await readCrlBundle(setDir, params.declaration.trusts, revocation.crlFile);
    const file = join(params.dir, NGINX_CRL_FILE);
    await writeFile(file, bundle.pem);
    crlCas.push(...bundle.cas);
    files.push(file);
  }
  const lines = renderNginxRevocation({
    crlCas,
    crlFile: revocation?.crlFile ?? 'current',
    ...(params.ocspResponder !== undefined ? { ocspResponder: params.ocspResponder } : {}),
  });
  return { lines, files };
}
