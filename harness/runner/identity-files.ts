/** The files a person passes to curl or openssl s_client to present an identity by hand. */
export interface IdentityFiles {
  certFile: string;
  keyFile: string;
  /** The intermediates to send after the leaf. */
  chainFile?: string;
  /** `chainFile` begins with the leaf itself, as the fixtures' NAME.chain.pem does. Default false. */
  chainFileStartsWithLeaf?: boolean;
  /** A command to run first (converting a Java keystore to PKCS#12, which curl reads). */
  setup?: string;
}
