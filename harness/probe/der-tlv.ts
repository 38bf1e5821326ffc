/** One DER element (X.690 §8.1): its tag, its contents, and where it ends in the buffer it was read from. */
export interface Tlv {
  tag: number;
  value: Buffer;
  /** The whole element, tag and length included. */
  raw: Buffer;
  end: number;
}

/** Reads the element at `offset`. Throws RangeError when the DER is truncated or its length is bad. */
export function readTlv(buffer: Buffer, offset: number): Tlv {
  if (offset + 2 > buffer.length) throw new RangeError('truncated DER element');
  const elementTag = buffer.readUInt8(offset);
  let length = buffer.readUInt8(offset + 1);
  let start = offset + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 3 || start + octets > buffer.length) throw new RangeError('bad DER length');
    length = buffer.readUIntBE(start, octets);
    start += octets;
  }
  const end = start + length;
  if (end > buffer.length) throw new RangeError('DER element runs past its container');
  return { tag: elementTag, value: buffer.subarray(start, end), raw: buffer.subarray(offset, end), end };
}

/** The elements one after another in `value` (the contents of a SEQUENCE or SET). */
export function children(value: Buffer): Tlv[] {
  const elements: Tlv[] = [];
  for (let offset = 0; offset < value.length;) {
    const element = readTlv(value, offset);
    elements.push(element);
    offset = element.end;
  }
  return elements;
}

/** A non-negative INTEGER's value (as OpenSSL writes times and lifetimes), up to 2^53. */
export function readUnsigned(value: Buffer): number {
  let result = 0;
  for (const byte of value) result = result * 256 + byte;
  return result;
}
