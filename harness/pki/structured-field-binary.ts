/**
 * Byte Sequences of RFC 8941 (Structured Field Values), as RFC 9440 uses them: `Client-Cert` is an
 * Item (`:<base64>:`), `Client-Cert-Chain` a List of them. Only what those two fields need: a Byte
 * Sequence with optional parameters, and a List of such Items. Pure; no I/O.
 */

/** The bytes of an Item, or why the text is not one Byte Sequence. */
export type ByteSequenceParse = { ok: true; bytes: Buffer } | { ok: false; problem: string };

// RFC 8941 §3.3.5: base64 (RFC 4648 §4) between colons; padding may be present.
const byteSequence = /^:([A-Za-z0-9+/]*={0,2}):/;
// §3.1.2: a parameter is `;` key [ `=` bare item ]; the values RFC 9440 never uses are only skipped.
const parameter = /^;[ ]*[a-z*][a-z0-9_\-.*]*(?:=(?:"(?:[^"\\]|\\.)*"|:[A-Za-z0-9+/=]*:|[^;,\s]+))?/;

/** `:<base64>:` with optional parameters, as one header field value (RFC 8941 §4.2, Item). */
export function parseByteSequenceItem(text: string): ByteSequenceParse {
  const members = parseByteSequenceList(text);
  if (!members.ok) return members;
  if (members.items.length !== 1) {
    return {
      ok: false,
      problem: `holds ${members.items.length} members, where an Item (one :base64: Byte Sequence) belongs`,
    };
  }
  return { ok: true, bytes: members.items[0]! };
}

/** `:<b64>:, :<b64>:` (RFC 8941 §4.2, List of Byte Sequence Items). An empty field is an empty List. */
export function parseByteSequenceList(
  text: string,
): { ok: true; items: Buffer[] } | { ok: false; problem: string } {
  // §4.2: discard leading and trailing SP before parsing.
  let rest = text.replace(/^ +| +$/g, '');
  const items: Buffer[] = [];
  while (rest.length > 0) {
    const match = byteSequence.exec(rest);
    if (match === null) {
      return { ok: false, problem: `${describeStart(rest)} is not a Byte Sequence (:base64:)` };
    }
    items.push(Buffer.from(match[1] ?? '', 'base64'));
    rest = rest.slice(match[0].length);
    for (let next = parameter.exec(rest); next !== null; next = parameter.exec(rest)) {
      rest = rest.slice(next[0].length);
    }
    rest = rest.replace(/^[ \t]+/, '');
    if (rest.length === 0) break;
    if (!rest.startsWith(',')) return { ok: false, problem: `${describeStart(rest)} follows a member` };
    rest = rest.slice(1).replace(/^[ \t]+/, '');
    if (rest.length === 0) return { ok: false, problem: 'ends with a comma' };
  }
  return { ok: true, items };
}

/** `:<base64>:` of `bytes` (RFC 8941 §4.1.8). */
export function serializeByteSequence(bytes: Buffer): string {
  return `:${bytes.toString('base64')}:`;
}

function describeStart(text: string): string {
  return JSON.stringify(text.length > 24 ? `${text.slice(0, 24)}…` : text);
}
