import { isIP } from 'node:net';
import { HarnessError } from '../common/harness-error.ts';
import { shellQuote } from './shell-quote.ts';

export type ReproduceTlsVersion = '1.0' | '1.1' | '1.2' | '1.3';

/** What a command needs to repeat one probe by hand. File paths only: never a key or a passphrase. */
export interface ReproduceInput {
  /** The target: `https://` (or `http://`) gives a curl command, `tls://host:port` an openssl s_client one. */
  url: string;
  /**
   * The client certificate, PEM; or a PKCS#12 keystore (`.p12`/`.pfx`), whose passphrase curl and
   * openssl then ask for at the terminal. Default: no client certificate.
   */
  certFile?: string;
  /** The private key of `certFile`, PEM, unencrypted. Ignored for a PKCS#12 `certFile`. */
  keyFile?: string;
  /** Intermediates to send after the leaf, PEM; a file that starts with the leaf itself also works. */
  chainFile?: string;
  /**
   * `chainFile` begins with the leaf (the fixtures' NAME.chain.pem): curl then takes it whole as
   * `--cert`, a command any shell runs. Default false.
   */
  chainFileStartsWithLeaf?: boolean;
  /** CA bundle that must validate the server. Default: the server is not verified, as in the harness. */
  caFile?: string;
  /** Pin this one TLS version. Default: whatever the two sides negotiate. */
  tlsVersion?: ReproduceTlsVersion;
  /** Repeat the handshake only, with openssl s_client, even for an `https://` URL. Default false. */
  tlsOnly?: boolean;
  /**
   * Request headers for curl, each a `-H 'Name: value'` in order (a name may repeat). `valueShell`, a
   * shell expression that prints the value (`$(head -c 7000 /dev/zero | tr '\0' A)`), replaces a value
   * too long to write out. Default none.
   */
  headers?: readonly ReproduceHeader[];
}

export interface ReproduceHeader {
  name: string;
  value: string;
  valueShell?: string;
}

/**
 * A shell command (sh, bash, zsh) that repeats a probe by hand: `curl -v ...` for HTTP targets,
 * `openssl s_client ...` for `tls://` targets or `tlsOnly`. Every argument is quoted for the shell.
 */
export function reproduceCommand(input: ReproduceInput): string {
  const url = parseTargetUrl(input.url);
  const words = url.protocol === 'tls:' || input.tlsOnly ? sClientWords(input, url) : curlWords(input);
  return words.map((word) => (typeof word === 'string' ? shellQuote(word) : word.raw)).join(' ');
}

/** A word passed to the shell as written (already quoted where needed). */
type Word = string | { raw: string };

// OpenSSL 3 offers TLS 1.0 and 1.1 only at security level 0 (their signature algorithms are below level
// 1): without this the client refuses on its own and a refusal the server never made would be seen.
const legacyCiphers = 'DEFAULT:@SECLEVEL=0';

function curlWords(input: ReproduceInput): Word[] {
  const words: Word[] = ['curl', '-v'];
  words.push(...(input.caFile ? ['--cacert', input.caFile] : ['--insecure']));
  if (input.certFile && isPkcs12(input.certFile)) {
    words.push('--cert-type', 'P12', '--cert', input.certFile);
  } else if (input.certFile) {
    // curl takes the whole client chain from --cert's one file and has no option for a separate chain
    // file; process substitution (bash, zsh) joins the two without leaving a file behind.
    const chained = !input.chainFile
      ? input.certFile
      : input.chainFileStartsWithLeaf
        ? input.chainFile
        : { raw: `<(cat ${shellQuote(input.certFile)} ${shellQuote(input.chainFile)})` };
    words.push('--cert', chained);
    if (input.keyFile) words.push('--key', input.keyFile);
  }
  if (input.tlsVersion) {
    words.push(`--tlsv${input.tlsVersion}`, '--tls-max', input.tlsVersion);
    if (isLegacy(input.tlsVersion)) words.push('--ciphers', legacyCiphers);
  }
  for (const header of input.headers ?? []) {
    words.push(
      '-H',
      header.valueShell === undefined
        ? `${header.name}: ${header.value}`
        : // A header name is a token (RFC 9110 §5.6.2): nothing in it is special inside double quotes.
          { raw: `"${header.name}: ${header.valueShell}"` },
    );
  }
  words.push(input.url);
  return words;
}

function sClientWords(input: ReproduceInput, url: URL): Word[] {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port || defaultPort(url);
  const words: Word[] = ['openssl', 's_client', '-connect', `${url.hostname}:${port}`];
  // RFC 6066 §3: a server name is a DNS host name; literal IP addresses are not sent.
  if (isIP(host) === 0) words.push('-servername', host);
  if (input.certFile) {
    // OpenSSL 3 recognises a PKCS#12 file by itself and takes the key from it when -key is absent.
    words.push('-cert', input.certFile);
    if (input.keyFile && !isPkcs12(input.certFile)) words.push('-key', input.keyFile);
    // s_client's -cert reads only a file's first certificate, so the chain goes in -cert_chain even when
    // it repeats the leaf: the leaf is then sent twice, an extra certificate that RFC 8446 §4.4.2 asks
    // receivers to tolerate (OpenSSL's s_server and nginx do).
    if (input.chainFile) words.push('-cert_chain', input.chainFile);
  }
  if (input.caFile) words.push('-CAfile', input.caFile);
  if (input.tlsVersion) {
    words.push(sClientVersionFlags[input.tlsVersion]);
    if (isLegacy(input.tlsVersion)) words.push('-cipher', legacyCiphers);
  }
  return words;
}

const sClientVersionFlags: Record<ReproduceTlsVersion, string> = {
  '1.0': '-tls1',
  '1.1': '-tls1_1',
  '1.2': '-tls1_2',
  '1.3': '-tls1_3',
};

function isLegacy(version: ReproduceTlsVersion): boolean {
  return version === '1.0' || version === '1.1';
}

function isPkcs12(file: string): boolean {
  return /\.(?:p12|pfx)$/i.test(file);
}

function defaultPort(url: URL): string {
  if (url.protocol === 'https:') return '443';
  if (url.protocol === 'http:') return '80';
  throw new HarnessError(
    `Cannot build a reproduce command for ${url.href}. A tls:// URL needs a port, e.g. tls://${url.hostname}:8443.`,
  );
}

function parseTargetUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new HarnessError(
      `Cannot build a reproduce command for "${text}". It is not a URL; use https://host:port/path or tls://host:port.`,
      { cause: error },
    );
  }
  if (!['https:', 'http:', 'tls:'].includes(url.protocol)) {
    throw new HarnessError(
      `Cannot build a reproduce command for ${text}. The scheme ${url.protocol} is not one of https:, http:, tls:.`,
    );
  }
  return url;
}
