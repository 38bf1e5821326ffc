import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { renderJunitXml } from '../harness/report/junit-xml.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import {
  hostileRunResults,
  runResults,
  sampleRunResults,
  targetResult,
} from './support/report-sample-results.ts';

interface ParsedCase {
  classname: string;
  name: string;
  time: string;
  failure: { message: string; type: string; text: string } | null;
  error: { message: string; type: string; text: string } | null;
  skipped: string | null;
  systemOut: string | null;
}

interface ParsedJunit {
  root: string;
  attributes: Record<string, string>;
  suites: { attributes: Record<string, string>; properties: Record<string, string>; cases: ParsedCase[] }[];
}

// Python's ElementTree (expat underneath): an XML parser nobody on this project wrote. It refuses
// anything that is not well-formed XML 1.0, and gives back the text and attributes unescaped.
const parser = String.raw`
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
def case(c):
    f = c.find('failure'); e = c.find('error'); s = c.find('skipped'); o = c.find('system-out')
    return {'classname': c.get('classname'), 'name': c.get('name'), 'time': c.get('time'),
            'failure': None if f is None else {'message': f.get('message'), 'type': f.get('type'), 'text': f.text or ''},
            'error': None if e is None else {'message': e.get('message'), 'type': e.get('type'), 'text': e.text or ''},
            'skipped': None if s is None else s.get('message'),
            'systemOut': None if o is None else (o.text or '')}
print(json.dumps({'root': root.tag, 'attributes': dict(root.attrib), 'suites': [
    {'attributes': dict(s.attrib),
     'properties': {p.get('name'): p.get('value') for p in s.iter('property')},
     'cases': [case(c) for c in s.findall('testcase')]} for s in root.findall('testsuite')]}))
`;

async function parseJunit(results: RunResults): Promise<ParsedJunit> {
  const dir = await mkdtemp(join(tmpdir(), 'report-junit-'));
  try {
    const file = join(dir, 'junit.xml');
    await writeFile(file, renderJunitXml(results));
    const { stdout } = await promisify(execFile)('python3', ['-c', parser, file]);
    return JSON.parse(stdout) as ParsedJunit;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('report: junit.xml', () => {
  it('has a testsuite per target with the totals, and a failure with the reason and the evidence', async () => {
    const junit = await parseJunit(sampleRunResults());

    expect(junit.root).to.equal('testsuites');
    expect(junit.attributes).to.include({
      tests: '30',
      failures: '1',
      errors: '0',
      skipped: '0',
      time: '0.480',
    });
    expect(junit.suites.map((suite) => suite.attributes.name)).to.deep.equal(['ca1-and-ca2', 'ca1-only']);
    expect(junit.suites[1]?.attributes).to.include({ tests: '15', failures: '1', skipped: '0' });
    expect(junit.suites[1]?.properties).to.deep.equal({
      suite: 'server',
      url: 'https://127.0.0.1:9443/healthcheck',
      trusts: 'ca1',
      provider: 'nginx',
      serverCa: 'ca1',
      startMs: '41',
    });
    const failing = junit.suites.flatMap((suite) => suite.cases).filter((testcase) => testcase.failure);
    expect(failing).to.have.length(1);
    const [testcase] = failing;
    expect(testcase?.classname).to.equal('ca1-only');
    expect(testcase?.name).to.equal(
      'second-ca-client: Client certificate from the second CA (same subject DN as ca1)',
    );
    expect(testcase?.time).to.equal('0.011');
    expect(testcase?.failure?.type).to.equal('nonconformance');
    expect(testcase?.failure?.message).to.equal('expected rejected, observed accepted: HTTP 200');
    expect(testcase?.failure?.text).to.include('because target trusts [ca1]; tpp2 is issued by ca2');
    expect(testcase?.failure?.text).to.include('Reproduce by hand: curl -v --cacert /work/fixtures/ca1.crt');
    expect(testcase?.failure?.text).to.include('HTTP 200');
    expect(testcase?.failure?.text).to.include('CN=tpp2.demo.axway.com');
    expect(testcase?.failure?.text).to.match(
      /Timings: target ready 41 ms after start, connect 0\.4 ms, handshake 6\.1 ms/,
    );
    const passing = junit.suites[0]?.cases[1];
    expect(passing?.failure).to.equal(null);
    expect(passing?.systemOut).to.include('Verdict: pass: accepted as expected');
  });

  it('marks skipped and not-run scenarios as skipped with their reason', async () => {
    const target = targetResult('partner', 'https://partner.example:443/', ['ca1']);
    const [first, second] = target.scenarios;
    Object.assign(first!, {
      verdict: 'skip',
      observed: null,
      reason: 'skipped: the partner cannot send no certificate',
    });
    Object.assign(second!, {
      verdict: 'not-run',
      observed: null,
      reason: 'not run: the run was interrupted',
    });
    const junit = await parseJunit(runResults([target], true));

    expect(junit.attributes).to.include({ tests: '15', failures: '0', skipped: '2' });
    expect(junit.attributes.name).to.equal('mtls-conformance 0.1.0 (interrupted)');
    expect(junit.suites[0]?.cases[0]?.skipped).to.equal('skipped: the partner cannot send no certificate');
    expect(junit.suites[0]?.cases[1]?.skipped).to.equal('not run: the run was interrupted');
    expect(junit.suites[0]?.cases[1]?.systemOut).to.include('nothing was sent to the target');
  });

  it('reports a target that did not start as one <error> test case, so a gate cannot read it as empty', async () => {
    const down = { ...targetResult('down', 'https://127.0.0.1:1/', ['ca1']), scenarios: [] };
    const junit = await parseJunit(
      runResults([{ ...down, provider: 'nginx', error: 'nginx exited at start: bind() failed' }]),
    );

    expect(junit.attributes).to.include({ tests: '1', failures: '0', errors: '1' });
    expect(junit.suites[0]?.properties).to.include({
      error: 'nginx exited at start: bind() failed',
      provider: 'nginx',
    });
    expect(junit.suites[0]?.cases[0]).to.deep.include({
      classname: 'down',
      name: 'the target starts',
      failure: null,
      error: {
        message: 'target did not start: nginx exited at start: bind() failed',
        type: 'target-error',
        text: 'nginx exited at start: bind() failed',
      },
    });
  });

  it('reports an unreachable endpoint once, as an <error>, not as a failure per scenario', async () => {
    const gone = {
      ...targetResult('gone', 'https://127.0.0.1:9/', ['ca1']),
      provider: 'url' as const,
      scenarios: [],
      error: 'cannot connect to 127.0.0.1:9: nothing accepts connections there (ECONNREFUSED)',
    };
    const junit = await parseJunit(runResults([gone]));

    expect(junit.attributes).to.include({ tests: '1', failures: '0', errors: '1' });
    expect(junit.suites[0]?.cases).to.have.length(1);
    expect(junit.suites[0]?.cases[0]).to.deep.include({
      name: 'the target is reachable',
      error: {
        message:
          'target unreachable: cannot connect to 127.0.0.1:9: nothing accepts connections there (ECONNREFUSED)',
        type: 'target-error',
        text: 'cannot connect to 127.0.0.1:9: nothing accepts connections there (ECONNREFUSED)',
      },
    });
  });

  it('reports a fail the harness could not decide as an <error type="undecided">, apart from failures', async () => {
    const target = targetResult('partner', 'https://partner.example:443/', ['ca1']);
    Object.assign(target.scenarios[1]!, {
      verdict: 'fail',
      undecided: true,
      reason: 'expected accepted, but the answer is HTTP 404',
      likelyCause: 'wrong URL path?',
    });
    const junit = await parseJunit(runResults([target]));

    expect(junit.attributes).to.include({ tests: '15', failures: '0', errors: '1' });
    const testcase = junit.suites[0]?.cases[1];
    expect(testcase?.failure).to.equal(null);
    expect(testcase?.error).to.include({
      message: 'expected accepted, but the answer is HTTP 404',
      type: 'undecided',
    });
    expect(testcase?.error?.text).to.include('Likely cause').and.include('wrong URL path?');
  });

  it('escapes hostile names, reasons and bodies, and shows control characters as escapes', async () => {
    const results = hostileRunResults();
    const xml = renderJunitXml(results);
    const junit = await parseJunit(results);

    expect(xml).not.to.include('<script>');
    expect(xml).not.to.include(']]>');
    // eslint-disable-next-line no-control-regex -- asserting their absence
    expect(xml).not.to.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const suite = junit.suites[1];
    expect(suite?.attributes.name).to.equal('evil<script>window.__pwned=1</script>');
    const failing = suite?.cases.find((testcase) => testcase.failure);
    expect(failing?.name).to.equal('second-ca-client: title ]]> with "quotes" & \\x1B[31mred\\x1B[0m\\x00');
    expect(failing?.failure?.message).to.equal(
      'expected rejected <img src=x onerror="window.__pwned=2"> \\x1B[2J cleared & \\u202Eesrever',
    );
    expect(failing?.failure?.text).to.include('<script>alert(1)</script> ]]> \\x07');
  });
});
