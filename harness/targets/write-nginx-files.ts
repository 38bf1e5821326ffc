import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NGINX_DEFAULTS, type NginxTargetOptions } from './nginx-target-options.ts';
import { NGINX_FILE_NAMES, renderNginxConf } from './render-nginx-conf.ts';
import type { NginxProxyParams } from './render-nginx-proxy.ts';
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
}

/** The files written, each as an absolute path. */
export interface NginxFiles {
  config: string;
  certificate: string;
  certificateKey: string;
  clientCertificate: string;
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
  };
  const config = renderNginxConf({
    targetName: declaration.name,
    listen: params.listen,
    verifyClient: options.verifyClient ?? NGINX_DEFAULTS.verifyClient,
    verifyDepth: options.verifyDepth ?? NGINX_DEFAULTS.verifyDepth,
    protocols: options.protocols ?? declaration.tlsVersions,
    trusts: declaration.trusts,
    ...(params.proxy === undefined ? {} : { proxy: params.proxy }),
  });
  await writeFile(files.config, config);
  await copyFile(fixtures.path(SERVER_FIXTURE, 'crt'), files.certificate);
  await copyFile(fixtures.path(SERVER_FIXTURE, 'key'), files.certificateKey);
  await writeFile(files.clientCertificate, fixtures.trustBundlePem(declaration.trusts));
  return files;
}
