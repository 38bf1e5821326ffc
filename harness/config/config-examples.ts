import type { ConfigFile } from './config-types.ts';

/** The minimal form of issue 4, a contract: it must load as written. Also the schema's first example. */
export const minimalConfigExample: ConfigFile = {
  fixtures: './fixtures',
  targets: [
    {
      name: 'gateway',
      url: 'https://127.0.0.1:8443/healthcheck',
      trusts: ['ca1'],
      serverCa: 'ca1',
    },
  ],
};

/**
 * Every field of the schema, one target per provider. docs/config-reference.md shows it, and a test
 * checks that it covers every schema property and loads (given its files and PARTNER_P12_PASS).
 */
export const fullConfigExample: ConfigFile = {
  $schema: './node_modules/mtls-conformance/schema/mtls-conformance.schema.json',
  fixtures: { dir: './fixtures', passphraseEnv: 'FIXTURE_PASS' },
  reportDir: 'reports',
  concurrency: 8,
  timeouts: { connectMs: 5000, handshakeMs: 5000, responseMs: 10000 },
  targets: [
    {
      name: 'gateway',
      url: 'https://127.0.0.1:8443/healthcheck',
      provider: 'url',
      suite: 'server',
      trusts: ['ca1'],
      serverCa: 'ca1',
      servername: 'api.example.com',
      rejectAt: 'any',
      tlsVersions: ['TLSv1.2', 'TLSv1.3'],
      identity: { cert: './partner.crt', key: './partner.key', chain: './partner-chain.pem' },
      scenarios: {
        skip: { 'tls-1.3': 'gateway is TLS 1.2 only until Q3' },
        expect: { 'second-ca-client': { expected: 'rejected', reason: 'ca2 retired' } },
      },
    },
    {
      name: 'partner-token-endpoint',
      url: 'tls://127.0.0.1:9443',
      trusts: ['ca1', 'ca2'],
      serverCa: './partner-server-ca.pem',
      rejectAt: 'handshake',
      identity: { p12: './partner.p12', passphraseEnv: 'PARTNER_P12_PASS' },
      scenarios: { only: ['no-client-cert', 'trusted-client', 'second-ca-client'] },
    },
    {
      name: 'mock-accept-anything',
      provider: 'mock',
      trusts: ['ca1'],
      mock: { clientAuth: 'require', refusal: 'handshake', misconfiguration: 'accept-any-certificate' },
    },
    {
      name: 'nginx-ca1',
      provider: 'nginx',
      trusts: ['ca1'],
      serverCa: 'ca1',
      sharedWith: [
        { name: 'www.example.test', mtls: false },
        { name: 'partner.example.test', mtls: true, trusts: ['ca2'] },
      ],
      resumption: true,
      accepts: { keyTypes: ['rsa', 'ec'], minRsaBits: 2048, sha1: false },
      allowedSubjects: ['CN=tpp1.demo.axway.com,O=AXWAY,C=BR'],
      nginx: {
        verifyClient: 'on',
        verifyDepth: 2,
        protocols: ['TLSv1.2', 'TLSv1.3'],
        binary: '/usr/sbin/nginx',
        sessionTicketKey: './ticket.key',
        sniHostCheck: true,
        allowListMatch: 'exact',
      },
    },
    {
      name: 'openssl-ca1',
      provider: 'openssl',
      trusts: ['ca1'],
      tlsVersions: ['TLSv1.3'],
      openssl: { verify: 'require', tlsVersion: '1.3' },
    },
    {
      name: 'apache-ca1',
      provider: 'apache',
      trusts: ['ca1'],
      apache: {
        verifyClient: 'require',
        verifyDepth: 2,
        protocols: ['TLSv1.2', 'TLSv1.3'],
        binary: '/usr/sbin/apache2',
        modulesDir: '/usr/lib/apache2/modules',
      },
    },
    {
      name: 'haproxy-ca1',
      provider: 'haproxy',
      trusts: ['ca1'],
      haproxy: {
        verify: 'required',
        crtIgnoreErr: '10',
        caIgnoreErr: 'all',
        protocols: ['TLSv1.2', 'TLSv1.3'],
        binary: '/usr/sbin/haproxy',
      },
    },
    {
      name: 'java-want',
      provider: 'java',
      trusts: ['ca1'],
      java: { clientAuth: 'want', protocols: ['TLSv1.2', 'TLSv1.3'], storeType: 'jks', binary: 'java' },
    },
    {
      name: 'my-gateway-image',
      provider: 'container',
      trusts: ['ca1'],
      container: {
        image: 'registry.example.com/my-gateway:1.4',
        files: [{ source: './gateway.conf', target: '/etc/gateway/gateway.conf' }],
        command: ['gateway', '--config', '/etc/gateway/gateway.conf'],
        waitFor: { log: 'listening on 8443' },
        port: 8443,
      },
    },
    {
      name: 'nginx-image-ca1-ca2',
      provider: 'container',
      trusts: ['ca1', 'ca2'],
      container: { image: 'nginx:1.27-alpine' },
      nginx: { verifyClient: 'on' },
    },
    {
      name: 'wso2-token-endpoint',
      url: 'https://localhost:9443/oauth2/token',
      suite: 'oauth',
      trusts: ['ca1', 'ca2'],
      oauth: {
        clientId: 'tpp1',
        authMethod: 'tls_client_auth',
        expectedSubject: 'tpp1.demo.axway.com',
        resourceUrl: 'https://localhost:8243/accounts/v1/accounts',
        metadataUrl: '/oauth2/oidcdiscovery/.well-known/openid-configuration',
        scope: 'accounts',
      },
    },
    {
      name: 'openssl-client',
      suite: 'client',
      trusts: ['ca1'],
      client: {
        command: [
          'openssl',
          's_client',
          '-connect',
          '{host}:{port}',
          '-verify_return_error',
          '-verify_ip',
          '{host}',
          '-CAfile',
          '{serverCa}',
          '-cert',
          '{cert}',
          '-key',
          '{key}',
          '-ign_eof',
        ],
        stdin: 'GET / HTTP/1.0\r\nHost: {host}\r\n\r\n',
        timeoutMs: 10000,
      },
    },
    {
      name: 'python-client',
      suite: 'client',
      trusts: ['ca1'],
      client: {
        command: ['python3', './call-partner.py', '{url}'],
        env: {
          SSL_CERT_FILE: '{serverCa}',
          CLIENT_CERT: '{cert}',
          CLIENT_KEY: '{key}',
          PARTNER_TOKEN: { fromEnv: 'API_TOKEN' },
        },
        timeoutMs: 20000,
      },
    },
    {
      name: 'saas-integration',
      suite: 'client',
      trusts: ['ca1'],
      identity: { p12: './partner.p12', passphraseEnv: 'PARTNER_P12_PASS' },
      client: { wait: { timeoutMs: 300000 } },
    },
    {
      name: 'webmethods-flow',
      url: 'https://integration.example.com:8443/integration/rest/external/integration/run/development/flow',
      trusts: ['ca1'],
      serverCa: './client-truststore.jks',
      serverCaPasswordEnv: 'TRUSTSTORE_PASS',
      identity: {
        keystore: './client.jks',
        storePasswordEnv: 'CLIENT_JKS_PASS',
        keyPasswordEnv: 'CLIENT_KEY_PASS',
        alias: 'client',
      },
      auth: {
        mode: 'force',
        basic: { userEnv: 'WM_USER', passwordEnv: 'WM_PASSWORD' },
        users: [
          { subject: 'tpp1', user: 'alice' },
          { subject: 'CN=tpp3.demo.axway.com', user: 'bob' },
        ],
      },
    },
    {
      name: 'ingress-to-app',
      url: 'https://ingress.example.com/mtls-echo',
      trusts: ['ca1'],
      backend: {
        format: 'pem-urlencoded',
        headers: { cert: 'ssl-client-cert', verify: 'ssl-client-verify', chain: 'ssl-client-chain' },
        verifiedValue: 'SUCCESS',
        path: '/mtls-echo',
      },
    },
    {
      name: 'nginx-forwarding-unsafe',
      provider: 'nginx',
      trusts: ['ca1'],
      nginx: { verifyClient: 'optional_no_ca' },
      backend: { format: 'xfcc', misconfiguration: 'set-only-when-verified' },
    },
    {
      name: 'mock-bearer-default-mode',
      provider: 'mock',
      trusts: ['ca1'],
      auth: {
        mode: 'default',
        bearer: { tokenEnv: 'API_TOKEN' },
        users: [{ subject: 'tpp1', user: 'alice' }],
        credentialsUser: 'alice',
      },
    },
  ],
  targetsFiles: [
    {
      file: './partners-ca1.txt',
      trusts: ['ca1'],
      serverCa: './partner-server-ca.pem',
      rejectAt: 'any',
      tlsVersions: ['TLSv1.2', 'TLSv1.3'],
      identity: { cert: './partner.crt', key: './partner.key', chain: './partner-chain.pem' },
      scenarios: {
        skip: { 'tls-1.3': 'partners move to TLS 1.3 in Q3' },
        expect: { 'second-ca-client': { expected: 'rejected', reason: 'ca2 retired' } },
      },
    },
    {
      file: './partners-ca1-ca2.txt',
      trusts: ['ca1', 'ca2'],
      identity: { p12: './partner.p12', passphraseEnv: 'PARTNER_P12_PASS' },
      scenarios: { only: ['no-client-cert', 'trusted-client', 'second-ca-client'] },
    },
    {
      file: './partners-java.txt',
      trusts: ['ca1'],
      identity: {
        keystore: './client.jks',
        storePasswordEnv: 'CLIENT_JKS_PASS',
        keyPasswordEnv: 'CLIENT_KEY_PASS',
        alias: 'client',
      },
    },
  ],
};
