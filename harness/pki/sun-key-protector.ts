import { createHash } from 'node:crypto';
import forge from 'node-forge';

// Sun's proprietary key protection of JKS private keys (sun.security.provider.KeyProtector).
const keyProtectorOid = '1.3.6.1.4.1.42.2.17.1.1';
const saltLength = 20;
const digestLength = 20;

/**
 * Recovers the PKCS#8 DER of a JKS private key entry, whatever its key type. jks-js does the same and
 * then re-encodes the key through node-forge, which knows only RSA: Ed25519 keys fail and RSASSA-PSS
 * keys come out as plain RSA. The algorithm is Sun's: a SHA-1 keystream seeded by the salt and the
 * password (UTF-16BE), XORed over the key, then SHA-1(password, key) as an integrity check. A wrong
 * password fails that check with Java's own words, "Cannot recover key".
 */
export function recoverJksPrivateKey(protectedKey: Buffer, password: string): Buffer {
  const info = forge.asn1.fromDer(forge.util.createBuffer(protectedKey.toString('binary')));
  const [algorithm, encrypted] = info.value as forge.asn1.Asn1[];
  const oid = forge.asn1.derToOid(((algorithm?.value as forge.asn1.Asn1[])[0]?.value as string) ?? '');
  if (oid !== keyProtectorOid) throw new Error(`unsupported key protection algorithm ${oid}`);
  const data = Buffer.from((encrypted?.value as string) ?? '', 'binary');
  const salt = data.subarray(0, saltLength);
  const encryptedKey = data.subarray(saltLength, data.length - digestLength);
  const check = data.subarray(data.length - digestLength);
  const passwordBytes = utf16be(password);
  const plain = Buffer.alloc(encryptedKey.length);
  let digest: Buffer = salt;
  for (let offset = 0; offset < encryptedKey.length; offset += digestLength) {
    digest = createHash('sha1').update(passwordBytes).update(digest).digest();
    for (let index = 0; index < digestLength && offset + index < encryptedKey.length; index += 1) {
      plain[offset + index] = (encryptedKey[offset + index] ?? 0) ^ (digest[index] ?? 0);
    }
  }
  const computed = createHash('sha1').update(passwordBytes).update(plain).digest();
  if (!computed.equals(check)) throw new Error('Cannot recover key');
  return plain;
}

function utf16be(text: string): Buffer {
  const bytes = Buffer.alloc(text.length * 2);
  for (let index = 0; index < text.length; index += 1) bytes.writeUInt16BE(text.charCodeAt(index), index * 2);
  return bytes;
}
