import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { SecretRegistry } from '../harness/common/secret-registry.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { startEchoServer, type StartedEchoServer } from './support/echo-server.ts';
import { testFixtures } from './support/fixtures.ts';

const secret = `s3cr3t-"\\ü&<>' +/=`;

/** How an echo may write `secret`, each computed here as the echoing software would (not by the harness). */
const echoes: Array<[string, string]> = [
  ['as sent', secret],
  ['base64', Buffer.from(secret).toString('base64')],
  ['base64 without padding', Buffer.from(secret).toString('base64').replace(/=+$/, '')],
  ['base64url', Buffer.from(secret).toString('base64url')],
  ['URL-encoded (encodeURIComponent)', encodeURIComponent(secret)],
  [
    'URL-encoded, lower-case escapes',
    encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
  ],
  ['form-encoded (URLSearchParams)', new URLSearchParams({ s: secret }).toString().slice(2)],
  ['JSON.stringify', JSON.stringify(secret).slice(1, -1)],
  ['Python json.dumps', '"s3cr3t-\\"\\\\\\u00fc&<>\' +/="'.slice(1, -1)],
  ['Go encoding/json', '"s3cr3t-\\"\\\\ü\\u0026\\u003c\\u003e\' +/="'.slice(1, -1)],
  ['HTML', 's3cr3t-&quot;\\ü&amp;&lt;&gt;&#39; +/='],
  ['HTML, hex apostrophe', 's3cr3t-&quot;\\ü&amp;&lt;&gt;&#x27; +/='],
];

describe('security: the secret registry', () => {
  for (const [how, written] of echoes) {
    it(`redacts a secret written ${how}, and says which secret and how`, () => {
      const registry = new SecretRegistry().add(secret, '$API_PASSWORD');
      const text = `before ${written} after`;
      const redacted = registry.redact(text);
      expect(redacted).not.to.include(written);
      expect(redacted).to.match(/^before \[redacted \$API_PASSWORD(, [^\]]+)?\] after$/);
    });
  }

  it('replaces a form holding another form whole: the Basic value, not the password inside it', () => {
    const registry = new SecretRegistry().addAuthorization(
      `Basic ${Buffer.from('alice:open-sesame').toString('base64')}`,
      '$PW',
    );
    const header = Buffer.from('alice:open-sesame').toString('base64');
    expect(registry.redact(`Authorization: Basic ${header}`)).to.equal(
      'Authorization: Basic [redacted $PW (user:password), base64]',
    );
    expect(registry.redact('user alice, password open-sesame')).to.equal(
      'user alice, password [redacted $PW]',
    );
  });

  it('leaves a secret under four characters as it is, but not its longer forms', () => {
    const registry = new SecretRegistry().add('abc', '$PIN');
    expect(registry.redact('abc')).to.equal('abc');
    expect(registry.redact(Buffer.from('abc').toString('base64'))).to.equal('[redacted $PIN, base64]');
  });

  it('redacts the start of a secret at the end of a text that was cut, and only there', () => {
    const registry = new SecretRegistry().add('0123456789abcdef', '$TOKEN');
    expect(registry.redact('token=012345', { cutAtEnd: true })).to.equal('token=[redacted]');
    expect(registry.redact('token=012345', { cutAtEnd: false })).to.equal('token=012345');
    // Three characters could be anything: kept.
    expect(registry.redact('token=012', { cutAtEnd: true })).to.equal('token=012');
    expect(registry.redact('token=0123456789abcdef', { cutAtEnd: true })).to.equal('token=[redacted $TOKEN]');
  });

  it('a child redacts what its parent learns later, under the name the parent gave', () => {
    const parent = new SecretRegistry();
    const child = new SecretRegistry(parent).add('child-secret', 'the header');
    expect(child.redact('child-secret parent-secret')).to.equal('[redacted the header] parent-secret');
    parent.add('parent-secret', '$PARENT').add('child-secret', '$CHILD');
    expect(child.redact('child-secret parent-secret')).to.equal('[redacted $CHILD] [redacted $PARENT]');
    expect(parent.redact('child-secret')).to.equal('[redacted $CHILD]');
  });

  it('a replacement stands for the secret as sent; its encoded forms get the marker', () => {
    const registry = new SecretRegistry().add('opaque-token-value', 'access token', {
      replacement: 'opaq…(redacted)',
    });
    expect(registry.redact('Bearer opaque-token-value')).to.equal('Bearer opaq…(redacted)');
    expect(registry.redact(Buffer.from('opaque-token-value').toString('base64'))).to.equal(
      '[redacted access token, base64]',
    );
  });

  it('redactDeep copies JSON-like data with every string redacted, cut ones by the predicate', () => {
    const registry = new SecretRegistry().add('0123456789', '$S');
    const data = { a: ['x 0123456789', 3, null, true], b: { excerpt: 'y 01234', other: 'y 01234' } };
    const redacted = registry.redactDeep(data, (key) => key === 'excerpt');
    expect(redacted).to.deep.equal({
      a: ['x [redacted $S]', 3, null, true],
      b: { excerpt: 'y [redacted]', other: 'y 01234' },
    });
    expect(data.a[0]).to.equal('x 0123456789');
    expect(new SecretRegistry().redactDeep(data)).to.equal(data);
  });
});

describe('security: a probe keeps no credential it sent, even one nobody registered', function () {
  this.timeout(60_000);
  let echo: StartedEchoServer;
  before(async () => {
    echo = await startEchoServer(await testFixtures());
  });
  after(() => echo?.close());

  it('redacts its own Authorization header from the body, the excerpt and across both cuts', async () => {
    const token = randomBytes(24).toString('base64url');
    const observation = await probeTarget({
      url: `${echo.url}/echo`,
      headers: { Authorization: `Bearer ${token}` },
      acceptableCaNames: 'skip',
    });
    expect(echo.requests.at(-1)?.authorization).to.equal(`Bearer ${token}`);
    const http = observation.http!;
    expect(http.bodyTruncated, 'the echo is longer than the 4096 bytes kept').to.equal(true);
    for (const text of [JSON.stringify(observation), http.body!, http.bodyExcerpt]) {
      expect(text).not.to.include(token);
      expect(text).not.to.include(token.slice(0, 8));
    }
    expect(http.body).to.include('authorization=Bearer [redacted Authorization header]');
    // The echo put the token across the excerpt's end and across the body's end: neither left a piece.
    expect(http.bodyExcerpt).to.match(/authorization=Bearer \[redacted Authorization header\]$/);
    expect(http.body).to.match(/authorization=Bearer \[redacted\]$/);
    expect(http.body!.startsWith(http.bodyExcerpt)).to.equal(true);
  });
});
