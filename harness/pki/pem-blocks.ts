/** One `-----BEGIN X-----` … `-----END X-----` block of a PEM file (RFC 7468). */
export interface PemBlock {
  label: string;
  /** The whole block, BEGIN to END line, ending in a newline. */
  pem: string;
  /** Whether the block has RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`), as OpenSSL's encrypted keys do. */
  encrypted: boolean;
}

export interface PemParse {
  blocks: PemBlock[];
  /** The label of a BEGIN line with no matching END line: a truncated file. */
  unterminated: string | null;
}

const beginPattern = /-----BEGIN ([A-Z0-9 ]+)-----/g;

/** Finds the PEM blocks of a text, in order. Text between blocks (openssl's "Bag Attributes") is ignored. */
export function parsePemBlocks(text: string): PemParse {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(beginPattern)) {
    const label = match[1] ?? '';
    const end = `-----END ${label}-----`;
    const endIndex = text.indexOf(end, match.index);
    if (endIndex < 0) return { blocks, unterminated: label };
    const pem = `${text.slice(match.index, endIndex + end.length).replace(/\r\n/g, '\n')}\n`;
    blocks.push({ label, pem, encrypted: /Proc-Type:\s*4,ENCRYPTED/.test(pem) });
  }
  return { blocks, unterminated: null };
}

/** The certificates of a PEM text, each a PEM string. */
export function certificatePems(text: string): string[] {
  return parsePemBlocks(text)
    .blocks.filter((block) => block.label === 'CERTIFICATE')
    .map((block) => block.pem);
}

/** DER as a PEM block: 64 base64 characters a line (RFC 7468 §2), ending in a newline. */
export function pemEncode(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
