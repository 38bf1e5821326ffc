import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HarnessError } from '../common/harness-error.ts';
import { OPENSSL_DEFAULTS, type OpenSslTargetOptions } from './openssl-target-options.ts';
import type { TargetFixtures } from './target-fixtures.ts';
import type { LocalTargetDeclaration } from './target-provider.ts';

const run = promisify(execFile);

/** The hashed CRL folder an s_server looks CRLs up in, and how much of the chain it checks. */
export interface OpensslCrl {
  folder: string;
  check: 'all' | 'leaf';
}

/**
 * With `revocation: { crl: true }` declared and `crlCheck` not `none`: writes every CRL the trust needs
 * (the current ones, or the expired with `crlFile: expired`) into `dir/crl/`, named by `openssl rehash`.
 *
 * s_server's own `-CRL FILE` loads only the first CRL of the file (apps/s_server.c, load_crl), so a
 * chain through an intermediate would find no CRL for it; a hashed folder (`-CApath`) is looked up by
 * issuer name for each CA of the chain (`HASH.r0`, `HASH.r1` for ca2, whose subject is ca1's).
 */
export async function writeOpensslCrl(params: {
  dir: string;
  declaration: LocalTargetDeclaration;
  fixtures: TargetFixtures;
  options: OpenSslTargetOptions;
  binary: string;
}): Promise<OpensslCrl | undefined> {
  const revocation = params.declaration.revocation;
  const check = params.options.crlCheck ?? OPENSSL_DEFAULTS.crlCheck;
  if (revocation?.crl !== true || check === 'none') return undefined;
  const setDir = params.fixtures.dir;
  // Loaded here: the CRL parser (@peculiar/x509) costs every run ~0.1 s to load, and few need it.
  const { readCrlBundle } = await import('../pki/read-crl-bundle.ts');
  const bundle = await readCrlBundle(setDir, params.declaration.trusts, revocation.crlFile);
  const folder = join(params.dir, 'crl');
  await mkdir(folder, { mode: 0o700 });
  await Promise.all(
    bundle.cas.map((ca, index) => writeFile(join(folder, `${ca}.crl.pem`), bundle.pems[index] ?? '')),
  );
  try {
    await run(params.binary, ['rehash', folder]);
  } catch (error) {
    const said = (error as { stderr?: string }).stderr?.trim().split('\n')[0] ?? String(error);
    throw new HarnessError(
      `Cannot start target "${params.declaration.name}": openssl rehash ${folder} failed (${said}). It names the CRLs for -CApath; check that ${params.binary} is OpenSSL 1.1 or later.`,
      { cause: error },
    );
  }
  return { folder, check };
}

// -crl_check sets X509_V_FLAG_CRL_CHECK (the leaf only); -crl_check_all adds X509_V_FLAG_CRL_CHECK_ALL.
export function opensslCrlArguments(crl: OpensslCrl): string[] {
  return ['-CApath', crl.folder, crl.check === 'all' ? '-crl_check_all' : '-crl_check'];
}
