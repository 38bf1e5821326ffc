import java.io.File;
import java.net.URL;
import java.security.KeyStore;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A plain Java 17 mTLS client, as an integration platform configures one: a keystore (JKS or
 * PKCS#12) for its identity, a truststore for the servers it calls, JSSE defaults for the rest
 * (protocols, hostname verification). Run as a single-file source: java MtlsClient.java URL
 * KEYSTORE TRUSTSTORE PASSWORD_VARIABLE.
 */
public class MtlsClient {
  public static void main(String[] args) throws Exception {
    char[] password = System.getenv(args[3]).toCharArray();
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(KeyStore.getInstance(new File(args[1]), password), password);
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(KeyStore.getInstance(new File(args[2]), password));
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    HttpsURLConnection connection = (HttpsURLConnection) new URL(args[0]).openConnection();
    connection.setSSLSocketFactory(context.getSocketFactory());
    connection.setConnectTimeout(5000);
    connection.setReadTimeout(5000);
    int status = connection.getResponseCode();
    System.out.println("HTTP " + status + " " + new String(connection.getInputStream().readAllBytes()));
    System.exit(status == 200 ? 0 : 1);
  }
}
