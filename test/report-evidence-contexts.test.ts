import { expect } from 'chai';
import { evidenceContexts } from '../harness/report/evidence-contexts.ts';
import { evidenceText } from '../harness/report/evidence-text.ts';
import type { ScenarioResult, TargetResult } from '../harness/report/run-results.ts';
import {
  hostileRunResults,
  rejectedObservation,
  sampleRunResults,
  targetResult,
} from './support/report-sample-results.ts';

function scenario(target: TargetResult, id: string): ScenarioResult {
  const found = target.scenarios.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

function valueOf(contexts: { title: string; value: string }[], title: string): string | undefined {
  return contexts.find((context) => context.title === title)?.value;
}

// mochawesome-report-generator 6.3.2, dist/app.js, TestContext: the tests that turn a context value
// into a <video>, an <img>, or a link (each of which the browser may fetch) instead of text.
const mochawesomeMediaPatterns = {
  video: (value: string) => {
    const hash = value.indexOf('#');
    return /(mp4|webm)$/i.test(hash > 0 ? value.slice(0, hash) : value);
  },
  image: (value: string) => /(?:png|jpe?g|gif)$/i.test(value),
  link: (value: string) =>
    /^(?:(?:https?|ftp):\/\/)?(?:\S+(?::\S*)?@)?(?:(?!(?:10|127)(?:\.\d{1,3}){3})(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})(?!172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2})(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))|(?:(?:[a-z\u00a1-\uffff0-9]-*)*[a-z\u00a1-\uffff0-9]+)(?:\.(?:[a-z\u00a1-\uffff0-9]-*)*[a-z\u00a1-\uffff0-9]+)*(?:\.(?:[a-z\u00a1-\uffff]{2,}))\.?)(?::\d{2,5})?(?:[/?#]\S*)?$/.test(
      value,
    ),
};

describe('report: evidence of a scenario', () => {
  const [passingTarget, failingTarget] = sampleRunResults().targets;

  it('gives a failure its verdict, expectation, likely cause, reproduce command, and what was presented and seen', () => {
    const contexts = evidenceContexts(scenario(failingTarget!, 'second-ca-client'), failingTarget!);

    expect(contexts.map((context) => context.title)).to.deep.equal([
      'Verdict',
      'Expectation',
      'Likely cause',
      'Reproduce by hand',
      'Client identity presented',
      'Outcome',
      'Server response',
      'TLS',
      'Server chain',
      'Acceptable CA names (from the CertificateRequest)',
      'Timings',
    ]);
    expect(valueOf(contexts, 'Expectation')).to.equal(
      'rejected\nbecause target trusts [ca1]; tpp2 is issued by ca2\n' +
        'target ca1-only (server suite) at https://127.0.0.1:9443/healthcheck, trusts [ca1]\n',
    );
    expect(valueOf(contexts, 'Outcome')).to.equal('accepted at http\nHTTP 200 from the server\n');
    expect(valueOf(contexts, 'Server response')).to.equal(
      'HTTP 200\ncontent-type: application/json\nserver: nginx\n\n{"status":"ok"}\n',
    );
    expect(valueOf(contexts, 'Client identity presented')).to.match(
      /^subject {2}businessCategory=Test client tpp2, .*CN=tpp2\.demo\.axway\.com\nissuer {3}C=BR, ST=São Paulo, L=São Paulo, O=Axway, CN=Axway Root CA\n/,
    );
    expect(valueOf(contexts, 'Timings')).to.equal(
      'target ready 41 ms after start, connect 0.4 ms, handshake 6.1 ms, response 1.8 ms, probe total 8.3 ms, scenario 11 ms\n',
    );
  });

  it('shows a refusal by alert, and "no certificate" when none was presented', () => {
    const contexts = evidenceContexts(scenario(passingTarget!, 'no-client-cert'), passingTarget!);

    expect(valueOf(contexts, 'Client identity presented')).to.equal('no certificate\n');
    expect(valueOf(contexts, 'Server response')).to.equal('TLS alert 116 certificate_required\n');
    expect(valueOf(contexts, 'Outcome')).to.equal(
      'rejected at after-handshake\nserver sent TLS alert 116 certificate_required after the handshake\n' +
        'error code ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED\n',
    );
    expect(valueOf(contexts, 'Reproduce by hand')).to.equal(undefined);
  });

  it('lists the steps of a multi-step scenario', () => {
    const contexts = evidenceContexts(scenario(passingTarget!, 'bad-keystore-password'), passingTarget!);
    expect(valueOf(contexts, 'Steps')).to.equal(
      '1. wrong password: nothing sent (tpp1.p12: the password does not open this keystore (PKCS#12 MAC check failed))\n' +
        '2. right password: accepted at http: HTTP 200 from the server\n',
    );
  });

  it('says why acceptable CA names were not obtained, and when the server chain does not validate', () => {
    const target = targetResult('gw', 'https://gw.example/', ['ca1']);
    const result = scenario(target, 'untrusted-ca');
    result.observed = {
      ...rejectedObservation('https://gw.example/', undefined, ['ca1']),
      acceptableCaNames: { obtained: false, why: 'TLS 1.3 encrypts the CertificateRequest' },
    };
    result.observed.tls = {
      ...result.observed.tls!,
      serverTrusted: false,
      serverTrustError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      hostnameMatches: false,
      hostnameError: "Host: gw.example. is not in the cert's altnames: DNS:localhost",
    };

    const contexts = evidenceContexts(result, target);

    expect(valueOf(contexts, 'Acceptable CA names (from the CertificateRequest)')).to.equal(
      'not obtained: TLS 1.3 encrypts the CertificateRequest\n',
    );
    expect(valueOf(contexts, 'Server chain')).to.include(
      "trust: does NOT validate: UNABLE_TO_VERIFY_LEAF_SIGNATURE\nhost name: does NOT match: Host: gw.example. is not in the cert's altnames: DNS:localhost\n",
    );
  });

  it('says nothing was sent for a skipped scenario', () => {
    const target = targetResult('gw', 'https://gw.example/', ['ca1']);
    const skipped = {
      ...scenario(target, 'no-client-cert'),
      verdict: 'skip' as const,
      observed: null,
      reason: 'skipped: by config',
    };

    expect(evidenceContexts(skipped, target).map((context) => [context.title, context.value])).to.deep.equal([
      ['Verdict', 'skip: skipped: by config\n'],
      [
        'Expectation',
        'rejected\nbecause a client without a certificate is always refused\ntarget gw (server suite) at https://gw.example/, trusts [ca1]\n',
      ],
      ['Observed', 'nothing was sent to the target\n'],
      ['Timings', 'target ready 41 ms after start, scenario 9 ms\n'],
    ]);
  });

  it("never gives mochawesome's page a value it would load as an image, a video or a link", () => {
    const results = hostileRunResults();
    const values = results.targets.flatMap((target) =>
      target.scenarios.flatMap((result) => evidenceContexts(result, target).map((context) => context.value)),
    );
    // The patterns do match the raw hostile strings, so this check can fail.
    expect(mochawesomeMediaPatterns.image('http://evil.example/x.png')).to.equal(true);
    expect(mochawesomeMediaPatterns.video('http://evil.example/a.mp4#x\nmore')).to.equal(true);
    expect(mochawesomeMediaPatterns.link('evil.example/a')).to.equal(true);

    for (const value of values) {
      for (const [kind, matches] of Object.entries(mochawesomeMediaPatterns)) {
        expect(matches(value), `${kind}: ${JSON.stringify(value)}`).to.equal(false);
      }
      expect(value).to.match(/\n$/);
    }
  });

  it('says "fail, could not decide" for an undecided fail', () => {
    const target = targetResult('gw', 'https://gw.example/wrong', ['ca1']);
    const result = {
      ...scenario(target, 'trusted-client'),
      verdict: 'fail' as const,
      undecided: true as const,
    };
    result.reason = 'expected accepted, but the answer is HTTP 404';
    expect(valueOf(evidenceContexts(result, target), 'Verdict')).to.equal(
      'fail, could not decide: expected accepted, but the answer is HTTP 404\n',
    );
  });

  it('reads as plain text for JUnit and terminals', () => {
    const text = evidenceText(evidenceContexts(scenario(failingTarget!, 'second-ca-client'), failingTarget!));
    expect(text.split('\n').slice(0, 7)).to.deep.equal([
      'Verdict: fail: expected rejected, observed accepted: HTTP 200',
      'Expectation:',
      '  rejected',
      '  because target trusts [ca1]; tpp2 is issued by ca2',
      '  target ca1-only (server suite) at https://127.0.0.1:9443/healthcheck, trusts [ca1]',
      "Likely cause: the endpoint trusts ca2, which has ca1's name and another key: a bundle with both (trust/ca1+ca2.pem) where only ca1 is meant, or issuers matched by name rather than signature",
      'Reproduce by hand: curl -v --cacert /work/fixtures/ca1.crt --cert /work/fixtures/tpp2.crt --key /work/fixtures/tpp2.key https://127.0.0.1:9443/healthcheck',
    ]);
  });
});
