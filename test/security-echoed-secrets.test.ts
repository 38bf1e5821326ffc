import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, lstat, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunResults } from '../harness/report/run-results.ts';
import { startEchoServer, type StartedEchoServer } from './support/echo-server.ts';
import { testFixtures, testFixturesDir } from './support/fixtures.ts';
import { runCliProcess, type CliProcessResult } from './support/run-cli-process.ts';

/**
 * Issue 25: an endpoint that echoes the request (a debug route, httpbin, an error page) put the
 * credentials the run sent into results.json, junit.xml and report.html. The real CLI runs here against
 * an echo server that writes every request back in every encoding it could, with Basic credentials, a
 * bearer token, an OAuth access token, a keystore passphrase and a client that prints its passphrase;
 * then every byte it printed and every file it left (reports, its TMPDIR, anything else in the work
 * folder) is searched for each secret in each form: as sent, base64, URL- and form-encoded, JSON- and
 * HTML-escaped, and the start of the Basic value that a `<password>-wrong` request would have revealed.
 */
describe('security: secrets an endpoint echoes back reach no output, report or temp file', function () {
  this.timeout(600_000);
  const hex = () => randomBytes(8).toString('hex');
  // Characters that every encoding writes differently: quote, backslash, non-ASCII, &, <, >, ', space, +, /, =.
  const user = `alice-${hex()}`;
  const password = `pw-${hex()}"\\ü&<>' +/=`;
  const token = `tk-${hex()}+/~=`;
  // Passphrases stay ASCII (keystores encode a passphrase as BMPString), with every special character.
  const fixturePassphrase = `fx-${hex()}"&<>' +/=`;
  const partnerPassphrase = `pp-${hex()}&<>"+/=`;
  const env = {
    FX_PASS: fixturePassphrase,
    PARTNER_PASS: partnerPassphrase,
    ECHO_USER: user,
    ECHO_PASSWORD: password,
    ECHO_TOKEN: token,
  };
  let work: string;
  let fx: string;
  let echo: StartedEchoServer;
  let run: CliProcessResult;
  const outputs: { label: string; result: CliProcessResult }[] = [];

  before(async () => {
    await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-echoed-'));
    fx = join(work, 'fixtures');
    await cp(testFixturesDir, fx, { recursive: true });
    await rm(join(fx, 'passphrase.txt'), { force: true });
    const rewrite = await runCliProcess(['fixtures', '--out', fx, '--password-env', 'FX_PASS'], {
      env,
      timeoutMs: 240_000,
    });
    expect(rewrite.code, rewrite.stderr).to.equal(0);
    outputs.push({ label: 'fixtures', result: rewrite });
    const partnerP12 = join(work, 'partner.p12');
    await promisify(execFile)(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-in',
        join(fx, 'tpp1.crt'),
        '-inkey',
        join(fx, 'tpp1.key'),
        '-passout',
        'env:PARTNER_PASS',
        '-out',
        partnerP12,
      ],
      { env: { ...process.env, ...env } },
    );
    echo = await startEchoServer(await testFixtures());
    // The client under test prints its keystore passphrase as it is, in base64, URL-encoded and in JSON.
    const printPassphrase = [
      'const p = process.env[process.argv[1]] ?? "";',
      'console.log("raw=" + p);',
      'console.log(Buffer.from(p).toString("base64"));',
      'console.log(encodeURIComponent(p));',
      'console.log(JSON.stringify({ p }));',
    ].join(' ');
    await writeFile(
      join(work, 'echo.yaml'),
      [
        `fixtures: { dir: ${JSON.stringify(fx)}, passphraseEnv: FX_PASS }`,
        'targets:',
        '  - name: basic',
        `    url: ${echo.url}/echo/basic`,
        '    trusts: [ca1]',
        `    identity: { p12: ${JSON.stringify(partnerP12)}, passphraseEnv: PARTNER_PASS }`,
        '    auth: { mode: default, basic: { userEnv: ECHO_USER, passwordEnv: ECHO_PASSWORD } }',
        '  - name: bearer',
        `    url: ${echo.url}/echo/bearer`,
        '    trusts: [ca1]',
        '    auth: { mode: force, bearer: { tokenEnv: ECHO_TOKEN } }',
        '  - name: oauth',
        `    url: ${echo.url}/token`,
        '    suite: oauth',
        '    trusts: [ca1]',
        '    oauth: { clientId: tpp1, authMethod: tls_client_auth, resourceUrl: /resource }',
        '  - name: client',
        '    suite: client',
        '    trusts: [ca1]',
        '    scenarios: { only: [presents-certificate] }',
        `    client: { command: [${JSON.stringify(process.execPath)}, -e, ${JSON.stringify(printPassphrase)}, '{passphraseEnv}'] }`,
        '',
      ].join('\n'),
    );
    const temp = join(work, 'tmp');
    await mkdir(temp);
    run = await runCliProcess(
      ['run', '--config', 'echo.yaml', '--report-dir', join(work, 'reports'), '--json'],
      { cwd: work, env: { ...env, TMPDIR: temp }, timeoutMs: 240_000 },
    );
    outputs.push({ label: 'run --json', result: run });
  });
  after(async () => {
    await echo?.close();
    await rm(work, { recursive: true, force: true });
  });

  /** The secrets in every form an echo writes them in, computed here independently of the harness. */
  function forbidden(): Array<[string, string]> {
    const found: Array<[string, string]> = [];
    const wrong = echo.requests
      .map((request) => request.authorization)
      .filter((value): value is string => value !== undefined)
      .filter((value) => value !== basic(password) && value !== `Bearer ${token}`)
      .map((value) => value.replace(/^\S+\s+/, ''));
    const named: Array<[string, string]> = [
      [password, 'the Basic password'],
      [`${user}:${password}`, 'user:password'],
      [token, 'the bearer token'],
      [fixturePassphrase, 'the fixture passphrase'],
      [partnerPassphrase, 'the partner keystore passphrase'],
      ...echo.issuedTokens.map((issued): [string, string] => [issued, 'an issued access token']),
      ...wrong.map((value): [string, string] => [value, 'the wrong credentials']),
    ];
    for (const [secret, what] of named) {
      const base64 = Buffer.from(secret).toString('base64');
      const forms: Array<[string, string]> = [
        [secret, 'as sent'],
        [base64, 'base64'],
        [base64.replace(/=+$/, ''), 'base64 without padding'],
        [Buffer.from(secret).toString('base64url'), 'base64url'],
        [encodeURIComponent(secret), 'URL-encoded'],
        [new URLSearchParams({ s: secret }).toString().slice(2), 'form-encoded'],
        [JSON.stringify(secret).slice(1, -1), 'JSON-escaped'],
        [asciiJson(secret), 'JSON-escaped, ASCII only'],
        [htmlEscape(secret), 'HTML-escaped'],
      ];
      for (const [form, kind] of forms) found.push([form, `${what}, ${kind}`]);
    }
    // What `Basic base64(user:password-wrong)` shared with the real header: all but its last group.
    found.push([
      Buffer.from(`${user}:${password}`).toString('base64').slice(0, -4),
      'the start of the Basic value',
    ]);
    // Each as the reports write it again: inside results.json's strings, report.html's and junit.xml's text.
    return found.flatMap(([form, what]): Array<[string, string]> => [
      [form, what],
      [JSON.stringify(form).slice(1, -1), `${what}, in a JSON file`],
      [htmlEscape(form), `${what}, in HTML or XML`],
      [htmlEscape(form).replaceAll('&#39;', '&apos;'), `${what}, in XML`],
      [htmlEscape(JSON.stringify(form).slice(1, -1)), `${what}, JSON in HTML`],
    ]);
  }

  /** Every string a JSON document holds, decoded: a form JSON escapes differently is found there too. */
  function jsonStrings(text: string): string[] {
    const strings: string[] = [];
    const walk = (node: unknown): void => {
      if (typeof node === 'string') strings.push(node);
      else if (Array.isArray(node)) node.forEach(walk);
      else if (node !== null && typeof node === 'object') Object.values(node).forEach(walk);
    };
    walk(JSON.parse(text) as unknown);
    return strings;
  }

  async function filesUnder(folder: string): Promise<string[]> {
    const files: string[] = [];
    for (const name of await readdir(folder)) {
      const path = join(folder, name);
      if ((await lstat(path)).isDirectory()) files.push(...(await filesUnder(path)));
      else files.push(path);
    }
    return files;
  }

  it('the run reached every path an echo can take, so the search below looked at real echoes', async () => {
    expect(run.code, run.stderr).to.equal(1);
    const sent = echo.requests.map((request) => request.authorization);
    expect(sent, 'the declared Basic credentials').to.include(basic(password));
    expect(sent, 'the bearer token').to.include(`Bearer ${token}`);
    expect(echo.issuedTokens, 'an access token was issued').to.have.length.greaterThan(0);
    // The resource is asked with the registered client's token: one of those issued, whichever came first.
    const resource = echo.requests.filter((request) => request.path === '/resource');
    const used = resource[0]?.authorization?.replace(/^Bearer /, '') ?? '';
    expect(echo.issuedTokens).to.include(used);
    const results = JSON.parse(await readFile(join(work, 'reports', 'results.json'), 'utf8')) as RunResults;
    expect(results.targets.map((target) => target.name)).to.deep.equal([
      'basic',
      'bearer',
      'oauth',
      'client',
    ]);
    // The echoes were kept, redacted, not dropped.
    const basicTarget = JSON.stringify(results.targets[0]);
    expect(basicTarget).to.include('[redacted $ECHO_PASSWORD');
    expect(basicTarget).to.include('[redacted wrong credentials');
    expect(JSON.stringify(results.targets[1])).to.include('[redacted $ECHO_TOKEN');
    // An opaque access token keeps its first four characters and its length, wherever it was echoed.
    const oauth = results.targets[2]!;
    const resourceRequest = oauth.scenarios.find((scenario) => scenario.id === 'resource-with-bound-token');
    expect(resourceRequest?.observed?.http?.body).to.include(
      `${used.slice(0, 4)}…(redacted, ${used.length} characters)`,
    );
    expect(JSON.stringify(results.targets[3])).to.match(/raw=\[redacted \$FX_PASS\]/);
  });

  it('the wrong credentials share nothing with the real ones', () => {
    const wrongBasic = echo.requests
      .map((request) => request.authorization)
      .filter((value) => value?.startsWith('Basic ') && value !== basic(password));
    const wrongBearer = echo.requests
      .map((request) => request.authorization)
      .filter((value) => value?.startsWith('Bearer ') && value !== `Bearer ${token}`)
      .filter((value) => !echo.issuedTokens.some((issued) => value === `Bearer ${issued}`));
    expect(wrongBasic, 'auth-wrong-credentials sent a wrong Basic password').to.have.length.greaterThan(0);
    expect(wrongBearer, 'auth-wrong-credentials sent a wrong bearer token').to.have.length.greaterThan(0);
    for (const header of wrongBasic) {
      const decoded = Buffer.from(header!.slice('Basic '.length), 'base64').toString('utf8');
      expect(decoded.startsWith(`${user}:`), 'the same user').to.equal(true);
      const wrong = decoded.slice(user.length + 1);
      expect(wrong).not.to.include(password.slice(0, 6));
      expect(password).not.to.include(wrong.slice(0, 6));
      expect(header).not.to.include(Buffer.from(`${user}:${password}`).toString('base64').slice(0, -4));
    }
    for (const header of wrongBearer) {
      const wrong = header!.slice('Bearer '.length);
      expect(wrong).not.to.include(token.slice(0, 6));
      expect(token).not.to.include(wrong.slice(0, 6));
    }
  });

  it('no form of any secret in stdout or stderr', () => {
    for (const { label, result } of outputs) {
      for (const [text, what] of forbidden()) {
        expect(result.stdout.includes(text), `${what} in stdout of ${label}`).to.equal(false);
        expect(result.stderr.includes(text), `${what} in stderr of ${label}`).to.equal(false);
      }
    }
    // run --json printed results.json: its strings decoded.
    const printed = jsonStrings(run.stdout).join('\n');
    for (const [text, what] of forbidden()) {
      expect(printed.includes(text), `${what} in the results.json printed on stdout`).to.equal(false);
    }
  });

  it('no form of any secret in any file the run left: reports, its TMPDIR, anything in the work folder', async () => {
    const files = (await filesUnder(work)).filter(
      // The fixture set and the partner keystore are the inputs (encrypted keystores, no reports).
      (file) => !file.startsWith(`${fx}/`) && !file.endsWith('partner.p12'),
    );
    const names = files.map((file) => file.slice(work.length + 1));
    expect(names).to.include.members(['reports/report.html', 'reports/junit.xml', 'reports/results.json']);
    for (const file of files) {
      const raw = (await readFile(file)).toString('utf8');
      const text = file.endsWith('.json') ? `${raw}\n${jsonStrings(raw).join('\n')}` : raw;
      for (const [secret, what] of forbidden()) {
        expect(text.includes(secret), `${what} in ${file}`).to.equal(false);
      }
    }
  });

  function basic(secret: string): string {
    return `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
  }
});

function asciiJson(text: string): string {
  return JSON.stringify(text)
    .slice(1, -1)
    .replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function htmlEscape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
