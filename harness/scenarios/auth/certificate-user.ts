/** A client certificate registered to a user at the target (webMethods' User Certificate page). */
export interface CertificateUser {
  /** A fixture name (`tpp1`), a subject DN or a SAN value. */
  subject: string;
  user: string;
}
