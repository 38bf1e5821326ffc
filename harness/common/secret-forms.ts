/** How a secret was written where it was found: as sent, or encoded by whoever echoed it. */
export type SecretFormKind =
  'as sent' | 'base64' | 'base64url' | 'URL-encoded' | 'form-encoded' | 'JSON-escaped' | 'HTML-escaped';

export interface SecretForm {
  text: string;
  kind: SecretFormKind;
}

/**
 * A form shorter than this is not searched for: it could not be told from ordinary text (a port, a
 * serial number), and redacting every occurrence would leave the evidence unreadable.
 */
export const minimumSecretFormLength = 4;

/**
 * The ways an endpoint that echoes a request may write `secret` back: as it was sent, base64 (a Basic
 * header decoded and re-encoded, a body echoed as base64), URL- or form-encoded (a query string, a
 * form), escaped inside a JSON string (as JSON.stringify, Python's json.dumps with ensure_ascii, or Go's
 * encoding/json with its HTML-safe \u003c escapes write it) or in HTML text. Each distinct text once,
 * with the kind that produced it first; percent and \u escapes in both letter cases.
 */
export function secretForms(secret: string): SecretForm[] {
  const candidates: SecretForm[] = [
    { text: secret, kind: 'as sent' },
    { text: Buffer.from(secret, 'utf8').toString('base64'), kind: 'base64' },
    // Without padding too: a base64 echo cut before its `=` (a JWT-style encoder) is still the secret.
    { text: Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''), kind: 'base64' },
    { text: Buffer.from(secret, 'utf8').toString('base64url'), kind: 'base64url' },
    ...bothCases(encodeURIComponent(secret), /%[0-9A-F]{2}/g).map((text) => ({
      text,
      kind: 'URL-encoded' as const,
    })),
    ...bothCases(new URLSearchParams({ s: secret }).toString().slice(2), /%[0-9A-F]{2}/g).map((text) => ({
      text,
      kind: 'form-encoded' as const,
    })),
    ...jsonEscapedForms(secret).flatMap((escaped) =>
      bothCases(escaped, /\\u[0-9a-f]{4}/g).map((text) => ({ text, kind: 'JSON-escaped' as const })),
    ),
    { text: htmlEscaped(secret, '&#39;'), kind: 'HTML-escaped' },
    { text: htmlEscaped(secret, '&#x27;'), kind: 'HTML-escaped' },
  ];
  const seen = new Set<string>();
  return candidates.filter(({ text }) => {
    if (text.length < minimumSecretFormLength || seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

/** The text as written, and with the escapes `pattern` finds in the other letter case. */
function bothCases(text: string, pattern: RegExp): string[] {
  return [
    text,
    text.replace(pattern, (escape) => escape.toLowerCase()),
    text.replace(pattern, (escape) => escape.toUpperCase().replace(/^\\U/, '\\u')),
  ];
}

/**
 * Inside a JSON string, as encoders write it: JSON.stringify; Python's json.dumps (every character
 * outside printable ASCII as \uXXXX); Go's encoding/json (<, > and & as \u003c, \u003e, \u0026); and
 * both at once. UTF-16 units, so a character beyond the BMP is its surrogate pair, as they write it.
 */
function jsonEscapedForms(secret: string): string[] {
  const plain = JSON.stringify(secret).slice(1, -1);
  const escape = (pattern: RegExp) => (text: string) =>
    text.replace(pattern, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const ascii = escape(/[^\x20-\x7e]/g);
  const htmlSafe = escape(/[<>&]/g);
  return [plain, ascii(plain), htmlSafe(plain), ascii(htmlSafe(plain))];
}

function htmlEscaped(secret: string, apostrophe: string): string {
  return secret
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", apostrophe);
}
