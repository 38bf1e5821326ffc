import { X509Certificate } from 'node:crypto';

export type ParsedBundle = { certificates: X509Certificate[] } | { problem: string };

/** Parses a PEM bundle (certificates concatenated, as a CA file); `what` names it in the problem. */
export function parseCertificateBundle(pem: string, what: string): ParsedBundle {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    return { problem: `${what} holds no PEM certificate (no -----BEGIN CERTIFICATE----- block)` };
  }
  const certificates: X509Certificate[] = [];
  for (const [index, block] of blocks.entries()) {
    try {
      certificates.push(new X509Certificate(block));
    } catch (error) {
      return {
        problem: `${what}: certificate ${index + 1} of ${blocks.length} does not parse (${(error as Error).message})`,
      };
    }
  }
  return { certificates };
}
