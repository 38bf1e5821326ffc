/**
 * What `mtls-conformance init` writes: the minimal config of issue 4 with every other field shown
 * commented out, so the file teaches the format. `schemaPath` is where editors find the JSON Schema,
 * relative to the config file (init gives the path of the schema of the tool that writes it). A test
 * loads it with loadConfig().
 */
export const starterConfigText = (
  schemaPath = './node_modules/mtls-conformance/schema/mtls-conformance.schema.json',
): string => `# yaml-language-server: $schema=${schemaPath}
# mtls-conformance config: the endpoints to check and what each is meant to trust.
# Every field: docs/config-reference.md. Check it and run: mtls-conformance run --config <this file>

# Fixture set (CAs, client certificates, keystores); run generates it here when it is missing.
fixtures: ./fixtures
# Where run writes the HTML report, junit.xml and results.json.
reportDir: reports
# Probes in flight at once, across all targets.
concurrency: 8
# Per-stage limits of every probe, in milliseconds.
timeouts: { connectMs: 5000, handshakeMs: 5000, responseMs: 10000 }

targets:
  - name: gateway
    # https://host:port/path (a GET follows the handshake) or tls://host:port (handshake only).
    url: https://127.0.0.1:8443/healthcheck
    # Fixture CAs this endpoint is meant to accept client certificates from: [ca1], or [ca1, ca2].
    # Every expectation follows from this list (mtls-conformance scenarios shows how).
    trusts: [ca1]
    # Fixture name or PEM file that must validate the server's certificate; remove it to only report the chain.
    serverCa: ca1
    # Host name to send (SNI) and verify, when it differs from the URL's:
    # servername: api.example.com
    # Demand refusals at the TLS handshake; the default, any, also counts HTTP 400/401/403:
    # rejectAt: handshake
    # TLS versions the endpoint is meant to offer:
    # tlsVersions: [TLSv1.2, TLSv1.3]
    # Your own trusted client identity, used instead of the fixture tpp1:
    # identity:
    #   cert: ./partner.crt
    #   key: ./partner.key
    #   # or a keystore, its passphrase in an environment variable (never written here):
    #   # p12: ./partner.p12
    #   # passphraseEnv: PARTNER_P12_PASS
    # Scenario ids are those of: mtls-conformance scenarios
    # scenarios:
    #   only: [no-client-cert, trusted-client, second-ca-client]
    #   skip: { tls-1.3: "gateway is TLS 1.2 only until Q3" }
    #   expect: { second-ca-client: { expected: rejected, reason: "ca2 retired" } }

  # A target the harness starts itself (provider mock, nginx, apache, haproxy, java, openssl or container):
  # - name: nginx-ca1
  #   provider: nginx
  #   trusts: [ca1]
  #   nginx: { verifyClient: on, verifyDepth: 1 }
`;
