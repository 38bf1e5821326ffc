import type { SecureVersion } from 'node:tls';

/**
 * Whether the JSSE server asks for a client certificate: `need` (SSLParameters.setNeedClientAuth; Tomcat
 * `certificateVerification="required"`, `clientAuth="true"`), `want` (setWantClientAuth; WSO2's
 * `clientAuth="want"`: a client without one is let through) or `none`.
 */
export type JavaClientAuth = 'need' | 'want' | 'none';

/** The keystore format keytool writes: `jks` (the seeds' .jks files) or `pkcs12`. */
export type JavaStoreType = 'jks' | 'pkcs12';

/** The `java:` block of a target: the JSSE HTTPS server the harness runs from keystore files. */
export interface JavaTargetOptions {
  /** `server.ssl.client-auth`. Default `need`. */
  clientAuth?: JavaClientAuth;
  /**
   * `server.ssl.enabled-protocols`. Default: the target's declared `tlsVersions`. Listing TLSv1 or
   * TLSv1.1 also lifts them from the JDK's `jdk.tls.disabledAlgorithms`, as a user re-enabling them
   * for a legacy partner edits java.security.
   */
  protocols?: readonly SecureVersion[];
  /** Format of the keystore and the truststore keytool writes. Default `jks`. */
  storeType?: JavaStoreType;
  /**
   * The `java` launcher of a JDK: its `javac` (same folder) compiles the server once. Default `java`,
   * looked up on PATH ($JAVA_HOME/bin/java first when JAVA_HOME is set).
   */
  binary?: string;
}

export const JAVA_DEFAULTS = {
  clientAuth: 'need',
  storeType: 'jks',
  binary: 'java',
} as const satisfies Required<Omit<JavaTargetOptions, 'protocols'>>;
