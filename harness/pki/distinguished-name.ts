import forge from 'node-forge';

interface AttributeType {
  name: string;
  shortName?: string;
  oid: string;
  /** ASN.1 string type. RFC 5280 appendix A: countryName and serialNumber are PrintableString. */
  printable: boolean;
}

// The attributes of the Open Banking seed's tpp1.cnf plus the usual ones. UTF8String elsewhere, as
// RFC 5280 §4.1.2.4 asks of new certificates (and the seed's `string_mask = utf8only`): "São Paulo".
const attributeTypes: readonly AttributeType[] = [
  { name: 'countryName', shortName: 'C', oid: '2.5.4.6', printable: true },
  { name: 'stateOrProvinceName', shortName: 'ST', oid: '2.5.4.8', printable: false },
  { name: 'localityName', shortName: 'L', oid: '2.5.4.7', printable: false },
  { name: 'organizationName', shortName: 'O', oid: '2.5.4.10', printable: false },
  { name: 'organizationalUnitName', shortName: 'OU', oid: '2.5.4.11', printable: false },
  { name: 'commonName', shortName: 'CN', oid: '2.5.4.3', printable: false },
  { name: 'serialNumber', oid: '2.5.4.5', printable: true },
  { name: 'businessCategory', oid: '2.5.4.15', printable: false },
  // EV jurisdiction of incorporation (CA/Browser Forum EV Guidelines §9.2.4), PrintableString.
  { name: 'jurisdictionCountryName', oid: '1.3.6.1.4.1.311.60.2.1.3', printable: true },
  { name: 'UID', oid: '0.9.2342.19200300.100.1.1', printable: false },
  { name: 'emailAddress', oid: '1.2.840.113549.1.9.1', printable: false },
];

/** Every accepted attribute name, long and short, for error messages. */
export const subjectAttributeNames: readonly string[] = attributeTypes.flatMap((type) =>
  type.shortName ? [type.name, type.shortName] : [type.name],
);

export function findAttributeType(name: string): AttributeType | undefined {
  return attributeTypes.find((type) => type.name === name || type.shortName === name);
}

/** Subject fields (validated names) → forge attributes, in the given order. */
export function toForgeAttributes(subject: Record<string, string>): forge.pki.CertificateField[] {
  return Object.entries(subject).map(([name, value]) => {
    const type = findAttributeType(name);
    if (!type) throw new Error(`unknown subject attribute ${name}`);
    return {
      type: type.oid,
      value,
      valueTagClass: (type.printable
        ? forge.asn1.Type.PRINTABLESTRING
        : forge.asn1.Type.UTF8) as unknown as forge.asn1.Class,
    };
  });
}
