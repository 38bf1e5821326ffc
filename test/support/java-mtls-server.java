import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A Java TLS server configured only from keystore files, as a Java integration platform (Tomcat,
 * MuleSoft, webMethods) is: `java java-mtls-server.java KEYSTORE TRUSTSTORE`, both opened with the
 * password in $JAVA_STORE_PASS. It requires a client certificate (needClientAuth), listens on a free
 * port of 127.0.0.1, prints `LISTENING <port>`, answers each verified client 200 with its subject,
 * and prints `ACCEPTED <subject>` or `REFUSED <reason>` per connection.
 */
public class JavaMtlsServer {
  public static void main(String[] args) throws Exception {
    char[] password = System.getenv("JAVA_STORE_PASS").toCharArray();
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load(args[0], password), password);
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(load(args[1], password));
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    server.setNeedClientAuth(true);
    System.out.println("LISTENING " + server.getLocalPort());
    System.out.flush();
    while (true) {
      SSLSocket socket = (SSLSocket) server.accept();
      new Thread(() -> serve(socket)).start();
    }
  }

  private static KeyStore load(String file, char[] password) throws Exception {
    KeyStore store = KeyStore.getInstance("JKS");
    try (InputStream in = new FileInputStream(file)) {
      store.load(in, password);
    }
    return store;
  }

  private static void serve(SSLSocket socket) {
    try (socket) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      String subject = socket.getSession().getPeerPrincipal().getName();
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {}
      byte[] body = ("{\"status\":\"ok\",\"client\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      System.out.println("ACCEPTED " + subject);
    } catch (IOException error) {
      System.out.println("REFUSED " + error.getMessage());
    }
    System.out.flush();
  }
}
