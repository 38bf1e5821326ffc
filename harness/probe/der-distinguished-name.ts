import { children, readTlv, type Tlv } from './der-tlv.ts';

// OpenSSL's short names (crypto/objects/objects.txt), which Node's X509Certificate#subject prints;
// using the same makes a name read from the wire compare equal to a certificate summary's subject.
const shortNames: ReadonlyMap<string, string> = new Map([
  ['2.5.4.3', 'CN'],
  ['2.5.4.4', 'SN'],
  ['2.5.4.5', 'serialNumber'],
  ['2.5.4.6', 'C'],
  ['2.5.4.7', 'L'],
  ['2.5.4.8', 'ST'],
  ['2.5.4.9', 'street'],
  ['2.5.4.10', 'O'],
  ['2.5.4.11', 'OU'],
  ['2.5.4.12', 'title'],
  ['2.5.4.13', 'description'],
  ['2.5.4.15', 'businessCategory'],
  ['2.5.4.17', 'postalCode'],
  ['2.5.4.41', 'name'],
  ['2.5.4.42', 'GN'],
  ['2.5.4.43', 'initials'],
  ['2.5.4.44', 'generationQualifier'],
  ['2.5.4.46', 'dnQualifier'],
  ['2.5.4.65', 'pseudonym'],
  ['2.5.4.97', 'organizationIdentifier'],
  ['1.2.840.113549.1.9.1', 'emailAddress'],
  ['0.9.2342.19200300.100.1.1', 'UID'],
  ['0.9.2342.19200300.100.1.25', 'DC'],
  ['1.3.6.1.4.1.311.60.2.1.1', 'jurisdictionL'],
  ['1.3.6.1.4.1.311.60.2.1.2', 'jurisdictionST'],
  ['1.3.6.1.4.1.311.60.2.1.3', 'jurisdictionC'],
]);

const tag = { sequence: 0x30, set: 0x31, oid: 0x06 } as const;

/**
 * A DER X.501 Name (RFC 5280 §4.1.2.4) as one line, `C=BR, O=Axway, CN=Axway Root CA`: the format of
 * `CertificateSummary.subject` (RDNs in DER order, multi-valued RDNs joined by ` + `, RFC 4514
 * escapes as OpenSSL applies them). Throws RangeError when the DER is malformed.
 */
export function formatDerDistinguishedName(der: Buffer): string {
  const name = readTlv(der, 0);
  expectTag(name.tag, tag.sequence, 'Name');
  const rdns: string[] = [];
  for (const rdn of children(name.value)) {
    expectTag(rdn.tag, tag.set, 'RelativeDistinguishedName');
    const attributes = children(rdn.value).map((attribute) => {
      expectTag(attribute.tag, tag.sequence, 'AttributeTypeAndValue');
      const [type, value] = children(attribute.value);
      if (!type || !value) throw new RangeError('AttributeTypeAndValue needs a type and a value');
      expectTag(type.tag, tag.oid, 'AttributeType');
      const oid = decodeOid(type.value);
      return `${shortNames.get(oid) ?? oid}=${formatValue(value)}`;
    });
    rdns.push(attributes.join(' + '));
  }
  return rdns.join(', ');
}

function expectTag(actual: number, expected: number, what: string): void {
  if (actual !== expected)
    throw new RangeError(
      `expected ${what} (tag 0x${expected.toString(16)}), found tag 0x${actual.toString(16)}`,
    );
}

function decodeOid(value: Buffer): string {
  const arcs: number[] = [];
  let arc = 0;
  for (const byte of value) {
    arc = arc * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(arc);
      arc = 0;
    }
  }
  const [first = 0, ...rest] = arcs;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...rest].join('.');
}

function formatValue(value: Tlv): string {
  const text = decodeString(value.tag, value.value);
  // Not a string type: OpenSSL prints the DER as #hex (RFC 4514 §2.4).
  return text === undefined ? `#${value.raw.toString('hex').toUpperCase()}` : escapeValue(text);
}

function decodeString(stringTag: number, bytes: Buffer): string | undefined {
  switch (stringTag) {
    case 0x0c: // UTF8String
      return bytes.toString('utf8');
    case 0x12: // NumericString
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x1a: // VisibleString
    case 0x14: // T61String, which OpenSSL reads as Latin-1
      return bytes.toString('latin1');
    case 0x1e: // BMPString, UTF-16BE
      return Buffer.from(bytes).swap16().toString('utf16le');
    case 0x1c: // UniversalString, UTF-32BE
      return String.fromCodePoint(
        ...Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readUInt32BE(i * 4)),
      );
    default:
      return undefined;
  }
}

// OpenSSL's ASN1_STRFLGS_ESC_2253 and ASN1_STRFLGS_ESC_CTRL (crypto/asn1/a_strex.c).
function escapeValue(text: string): string {
  const characters = [...text];
  return characters
    .map((character, index) => {
      const code = character.codePointAt(0) ?? 0;
      if (code < 0x20 || code === 0x7f) return `\\${code.toString(16).toUpperCase().padStart(2, '0')}`;
      if (',+"\\<>;'.includes(character)) return `\\${character}`;
      if (index === 0 && (character === '#' || character === ' ')) return `\\${character}`;
      if (index === characters.length - 1 && character === ' ') return `\\${character}`;
      return character;
    })
    .join('');
}
