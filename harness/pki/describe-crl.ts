import 'reflect-metadata';
import { X509Crl } from '@peculiar/x509';
import { crlFilePath, type CrlVariant } from './crl-files.ts';
import { normalizeSerial } from './normalize-serial.ts';
import { readCrlFile } from './read-crl-bundle.ts';

/** One CRL of a fixture set as evidence shows it: file, dates, whether it lists a serial. */
export interface CrlDescription {
  file: string;
  thisUpdate: string;
  nextUpdate: string;
  lists: boolean;
}

export async function describeCrl(
  setDir: string,
  ca: string,
  variant: CrlVariant,
  serialNumber: string,
): Promise<CrlDescription> {
  const file = crlFilePath(ca, variant);
  const crl = new X509Crl(await readCrlFile(setDir, file));
  const serial = normalizeSerial(serialNumber);
  return {
    file,
    thisUpdate: crl.thisUpdate.toISOString(),
    nextUpdate: crl.nextUpdate?.toISOString() ?? '(none)',
    lists: crl.entries.some((entry) => normalizeSerial(entry.serialNumber) === serial),
  };
}
