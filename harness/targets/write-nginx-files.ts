import { chmod, copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NGINX_DEFAULTS, type NginxTargetOptions } from './nginx-target-options.ts';
import { NGINX_FILE_NAMES, renderNginxConf } from './render-nginx-conf.ts';
import type { NginxProxyParams } from './render-nginx-proxy.ts';
import {
  NGINX_SESSION_TICKET_KEY_FILE,
  renderNginxVirtualHosts,
  sharedClientCertificateFile,
} from './render-nginx-virtual-hosts.ts';
import { writeNginxRevocation } from './write-nginx-revocation.ts';
import { SERVER_FIXTURE, type TargetFixtures } from './target-fixtures.ts';
import type { LocalTargetDeclaration } from './target-provider.ts';

export interface NginxFilesParams {
  /** Directory to write into; nginx runs with it as its prefix. */
  dir: string;
  declaration: LocalTargetDeclaration;
  fixtures: TargetFixtures;
  options: NginxTargetOptions;
  /** `listen` value, e.g. `127.0.0.1:8443`. */
  listen: string;
  /** The application to proxy to (a target with `backend:`). Default: none, 404 for other paths. */
  proxy?: NginxProxyParams;
  /** `ssl_ocsp_responder` of a target that declares OCSP: the harness's responder. Default: no OCSP lines. */
  ocspResponder?: string;
}

/** The files written, each as an absolute path. */
export interface NginxFiles {
  config: string;
  certificate: string;
  certificateKey: string;
  clientCertificate: string;
  /** Further files nginx.conf names (the other sites' client CAs, the ticket key), absolute. */
  more: string[];
}

/**
 * Writes nginx.conf with the server certificate, its key and the client CA bundle beside it: a
 * directory nginx runs from as it is, on this machine or copied into a container.
 */
export async function writeNginxFiles(params: NginxFilesParams): Promise<NginxFiles> {
  const { dir, declaration, fixtures, options } = params;
  const files: NginxFiles = {
    config: join(dir, NGINX_FILE_NAMES.config),
    certificate: join(dir, NGINX_FILE_NAMES.certificate),
    certificateKey: join(dir, NGINX_FILE_NAMES.certificateKey),
    clientCertificate: join(dir, NGINX_FILE_NAMES.clientCertificate),
    more: [],
  };
  const revocation = await writeNginxRevocation({
    dir,
    declaration,
    fixtures,
    writeCrl: options.crl ?? NGINX_DEFAULTS.crl,
    ...(params.ocspResponder !== undefined ? { ocspResponder: params.ocspResponder } : {}),
  });
  files.more.push(...revocation.files);
  const targetConf = renderNginxConf({
    targetName: declaration.name,
    listen: params.listen,
    verifyClient: options.verifyClient ?? NGINX_DEFAULTS.verifyClient,
    verifyDepth: options.verifyDepth ?? NGINX_DEFAULTS.verifyDepth,
    protocols: options.protocols ?? declaration.tlsVersions,
    trusts: declaration.trusts,
    ...(params.proxy === undefined ? {} : { proxy: params.proxy }),
    revocationLines: revocation.lines,
    ...(declaration.allowedSubjects === undefined
      ? {}
      : {
          allowList: {
            subjects: declaration.allowedSubjects,
            match: options.allowListMatch ?? NGINX_DEFAULTS.allowListMatch,
          },
        }),
  });
  const config = await withSharedSites(targetConf, params, files);
  await writeFile(files.config, config);
  await copyFile(fixtures.path(SERVER_FIXTURE, 'crt'), files.certificate);
  await copyFile(fixtures.path(SERVER_FIXTURE, 'key'), files.certificateKey);
  await writeFile(files.clientCertificate, fixtures.trustBundlePem(declaration.trusts));
  return files;
}

/**
 * With `sharedWith` or `resumption` declared: the other sites of the port and session resumption
 * (render-nginx-virtual-hosts.ts), with the files they name. Otherwise the target's config as it is.
 */
async function withSharedSites(
  targetConf: string,
  params: NginxFilesParams,
  files: NginxFiles,
): Promise<string> {
  const { declaration, fixtures, options, dir } = params;
  const shared = declaration.sharedWith ?? [];
  if (shared.length === 0 && declaration.resumption === undefined) return targetConf;
  const sites = await Promise.all(
    shared.map(async (site, index) => {
      if (!site.mtls) return { name: site.name, mtls: false, trusts: [] };
      const clientCertificate = sharedClientCertificateFile(index + 1);
      await writeFile(join(dir, clientCertificate), fixtures.trustBundlePem(site.trusts ?? []));
      files.more.push(join(dir, clientCertificate));
      return { name: site.name, mtls: true, trusts: site.trusts ?? [], clientCertificate };
    }),
  );
  if (options.sessionTicketKey !== undefined) {
    const key = join(dir, NGINX_SESSION_TICKET_KEY_FILE);
    await copyFile(options.sessionTicketKey, key);
    // A ticket key decrypts every session it protected: as private as a server key.
    await chmod(key, 0o600);
    files.more.push(key);
  }
  return renderNginxVirtualHosts({
    targetConf,
    listen: params.listen,
    protocols: options.protocols ?? declaration.tlsVersions,
    sites,
    resumption: declaration.resumption,
    ...(options.sessionTicketKey !== undefined ? { sessionTicketKey: NGINX_SESSION_TICKET_KEY_FILE } : {}),
    sniHostCheck: options.sniHostCheck ?? NGINX_DEFAULTS.sniHostCheck,
  });
}
