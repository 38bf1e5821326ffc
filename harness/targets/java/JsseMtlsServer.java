import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Java (JSSE) target of mtls-conformance: Java 17's own HTTPS server (com.sun.net.httpserver), set
 * up from keystore files the way Java platforms are (MuleSoft, webMethods, WSO2 and Tomcat all hand a
 * keystore, a truststore and a client-auth mode to JSSE).
 *
 * <p>Usage: {@code java JsseMtlsServer jsse-server.properties}. The settings use the names of Spring
 * Boot's {@code server.ssl.*} properties; {@code ${NAME}} in a value is read from the environment, so
 * no password sits in the file. File paths are relative to the working directory. It answers GET
 * /healthcheck with 200 {"status":"ok","client":"<subject DN or null>"}, anything else with 404, and
 * prints {@code LISTENING <address>:<port>} once it listens. A setting it cannot use ends it with one
 * {@code ERROR ...} line on stderr and exit code 1.
 */
public final class JsseMtlsServer {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

  private JsseMtlsServer() {}

  public static void main(String[] args) {
    try {
      if (args.length != 1) throw new IllegalArgumentException("usage: java JsseMtlsServer <settings.properties>");
      start(read(Path.of(args[0])));
    } catch (Exception error) {
      System.err.println("ERROR " + describe(error));
      System.exit(1);
    }
  }

  private static void start(Properties settings) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers(settings), trustManagers(settings), null);
    String clientAuth = setting(settings, "server.ssl.client-auth");
    if (!clientAuth.matches("need|want|none")) {
      throw new IllegalArgumentException("server.ssl.client-auth must be need, want or none, not " + clientAuth);
    }
    String[] protocols = setting(settings, "server.ssl.enabled-protocols").split("\\s*,\\s*");
    InetSocketAddress address = new InetSocketAddress(
        setting(settings, "server.address"), Integer.parseInt(setting(settings, "server.port")));
    HttpsServer server = HttpsServer.create(address, 64);
    server.setHttpsConfigurator(new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
        ssl.setProtocols(protocols);
        // need: a client without a (trusted) certificate fails the handshake. want: one is asked for,
        // and a client without one is let through; a certificate that is sent must still verify.
        if (clientAuth.equals("need")) ssl.setNeedClientAuth(true);
        else if (clientAuth.equals("want")) ssl.setWantClientAuth(true);
        params.setSSLParameters(ssl);
      }
    });
    server.createContext("/", JsseMtlsServer::answer);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    System.out.println("LISTENING " + address.getHostString() + ":" + server.getAddress().getPort());
    System.out.flush();
  }

  private static javax.net.ssl.KeyManager[] keyManagers(Properties settings) throws Exception {
    char[] password = setting(settings, "server.ssl.key-store-password").toCharArray();
    KeyStore store = load(settings, "server.ssl.key-store", "server.ssl.key-store-type", password);
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory.getKeyManagers();
  }

  /** Null (the JDK's cacerts) when no truststore is set: only a server that asks for no certificate has none. */
  private static javax.net.ssl.TrustManager[] trustManagers(Properties settings) throws Exception {
    if (settings.getProperty("server.ssl.trust-store") == null) return null;
    char[] password = setting(settings, "server.ssl.trust-store-password").toCharArray();
    KeyStore store = load(settings, "server.ssl.trust-store", "server.ssl.trust-store-type", password);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  private static KeyStore load(Properties settings, String fileKey, String typeKey, char[] password)
      throws Exception {
    String file = setting(settings, fileKey);
    KeyStore store = KeyStore.getInstance(setting(settings, typeKey));
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      store.load(in, password);
    } catch (IOException error) {
      throw new IOException(fileKey + " " + file + ": " + describe(error), error);
    }
    return store;
  }

  private static void answer(HttpExchange exchange) throws IOException {
    boolean health = exchange.getRequestURI().getPath().equals("/healthcheck");
    String body = health
        ? "{\"status\":\"ok\",\"client\":" + clientSubject((HttpsExchange) exchange) + "}"
        : "{\"status\":\"not found\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(health ? 200 : 404, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The client certificate's subject as a JSON string, or null when the client presented none. */
  private static String clientSubject(HttpsExchange exchange) {
    try {
      X509Certificate leaf = (X509Certificate) exchange.getSSLSession().getPeerCertificates()[0];
      return json(leaf.getSubjectX500Principal().getName());
    } catch (SSLPeerUnverifiedException none) {
      return "null";
    }
  }

  private static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }

  private static Properties read(Path file) throws IOException {
    Properties settings = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      settings.load(in);
    }
    return settings;
  }

  /** A required setting, with each ${NAME} replaced by that environment variable. */
  private static String setting(Properties settings, String key) {
    String value = settings.getProperty(key);
    if (value == null) throw new IllegalArgumentException(key + " is not set");
    Matcher variables = VARIABLE.matcher(value.trim());
    StringBuilder resolved = new StringBuilder();
    while (variables.find()) {
      String variable = System.getenv(variables.group(1));
      if (variable == null) {
        throw new IllegalArgumentException(key + " names ${" + variables.group(1) + "}, which is not set");
      }
      variables.appendReplacement(resolved, Matcher.quoteReplacement(variable));
    }
    variables.appendTail(resolved);
    return resolved.toString();
  }

  private static String describe(Throwable error) {
    if (error instanceof NoSuchFileException) return "no file at " + error.getMessage();
    String message = error.getMessage();
    return message == null ? error.getClass().getSimpleName() : message;
  }
}
