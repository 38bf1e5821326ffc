/**
 * The line of a client's output that says why it gave up, as a person reading the log would pick it:
 * - a Python traceback: its final exception line (`urllib.error.URLError: <urlopen error [SSL:
 *   CERTIFICATE_VERIFY_FAILED] …>`), not a frame, nor the chained exception above it;
 * - Node: the error (`Error [ERR_TLS_CERT_ALTNAME_INVALID]: …`, or the `[cause]` of `TypeError: fetch
 *   failed`) with its `code`, not the `(node:PID) Warning:` lines (NODE_TLS_REJECT_UNAUTHORIZED=0) nor
 *   the source line Node quotes above an uncaught error;
 * - anything else (curl, wget, Java, openssl): the first line with a word of failure in stderr, then
 *   in stdout; failing that, the first that mentions certificates or TLS (wget prints `Loaded CA
 *   certificate …` before `ERROR: The certificate of … is not trusted.`).
 * Undefined when no line says anything.
 */
export function tellingLine(stderr: string, stdout: string): string | undefined {
  for (const text of [stderr, stdout]) {
    const lines = text.split('\n').filter((line) => !noise.some((pattern) => pattern.test(line)));
    const found = pythonException(lines) ?? nodeError(lines) ?? lines.find((line) => failureWords.test(line));
    if (found !== undefined) return shorten(tidyOpenSslError(found.trim()));
  }
  const mention = [stderr, stdout]
    .flatMap((text) => text.split('\n'))
    .find((line) => tlsWords.test(line) && !noise.some((pattern) => pattern.test(line)));
  return mention === undefined ? undefined : shorten(mention.trim());
}

// Words of the line that says why a client gave up (`verify error:num=20`, `Exception in thread "main"
// javax.net.ssl.SSLHandshakeException`, wget's `The certificate's owner does not match hostname`), and
// curl's numbered errors (`curl: (60) SSL: no alternative certificate subject name matches…`).
const failureWords =
  /error|fail|exception|refus|denied|problem|unable|invalid|expired|mismatch|alert|not trusted|does(?:n't| not) match|^\S+: \(\d+\) /i;
const tlsWords = /certificate|\bSSL\b|\bTLS\b/i;

const noise = [
  // Node's process warnings, and the hint it prints after the first one.
  /^\(node:\d+\) (?:\[\w+\] )?\w*Warning: /,
  /^\(Use `node --trace-/,
  // Stack frames: Node and Java (`    at …`), Python (`  File "…", line 1`).
  /^\s+at /,
  /^\s+File "/,
  // What Node quotes above an uncaught error: `node:events:497`, `      throw er; // Unhandled 'error' event`, `^`.
  /^node:[\w/]+:\d+$/,
  /^\s*throw /,
  /^\s*\^+\s*$/,
];

function pythonException(lines: readonly string[]): string | undefined {
  if (!lines.some((line) => line.startsWith('Traceback (most recent call last):'))) return undefined;
  // The exception is the last unindented line; earlier ones belong to exceptions it was raised from.
  return lines.findLast(
    (line) =>
      /^[A-Za-z_][\w.]*(?::|$)/.test(line) && !/^(Traceback|During handling|The above exception)/.test(line),
  );
}

function nodeError(lines: readonly string[]): string | undefined {
  const cause = lines.findLastIndex((line) => /^\s*\[cause\]: /.test(line));
  const at =
    cause >= 0
      ? cause
      : lines.findIndex((line) => /^(?:Uncaught )?[A-Z]\w*(?:Error|Exception)(?: \[[\w-]+\])?: /.test(line));
  if (at < 0) return undefined;
  // Node prints an error without its stack in brackets: `[cause]: [Error: … alert protocol version] {`,
  // the bracket closing on the next line when the message ends in a newline (OpenSSL's do).
  const error = lines[at]!.replace(/^\s*\[cause\]: /, '')
    .replace(/^\[/, '')
    .replace(/\](?: \{)?$/, '');
  // Node prints the error's own properties below it: `  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'`.
  const code = lines
    .slice(at + 1)
    .map((line) => /^\s+code: '([\w-]+)'/.exec(line)?.[1])
    .find((found) => found !== undefined);
  return code === undefined || error.includes(code) ? error : `${error} (${code})`;
}

/**
 * OpenSSL's error strings (`80EC…:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol
 * version:../deps/…/rec_layer_s3.c:1601:SSL alert number 70`) reduced to their reason and detail.
 */
function tidyOpenSslError(line: string): string {
  return line.replace(
    /\b[0-9A-F]{8,}:error:[0-9A-F]{8}:[^:]*:[^:]*:([^:]+):[^\s:]*\.c:\d+:(\S[^:(]*)?/g,
    (_whole, reason: string, detail: string | undefined) =>
      detail ? `${reason} (${detail.trim()})${/\s$/.test(detail) ? ' ' : ''}` : reason,
  );
}

function shorten(line: string): string {
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
