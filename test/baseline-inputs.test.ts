import { expect } from 'chai';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFailOn } from '../harness/baseline/parse-fail-on.ts';
import { readResultsFile } from '../harness/baseline/read-results-file.ts';
import { HarnessError } from '../harness/common/harness-error.ts';
import { sampleRunResults } from './support/report-sample-results.ts';

const allowed =
  'Allowed, comma-separated: newly-accepted, newly-rejected, rejection-changed, server-chain-changed, ' +
  'verdict-changed, scenario-added, scenario-removed, target-added, target-removed.';

describe('baseline: --fail-on', () => {
  it('reads a comma-separated list, spaces and duplicates allowed, in category order', () => {
    expect(parseFailOn('newly-rejected, newly-accepted,newly-rejected')).to.deep.equal([
      'newly-accepted',
      'newly-rejected',
    ]);
    expect(parseFailOn('target-removed')).to.deep.equal(['target-removed']);
  });

  const refused: [string, string][] = [
    ['newly-acepted', `Cannot use --fail-on "newly-acepted": "newly-acepted" is not a category. ${allowed}`],
    [
      'newly-accepted,new,old',
      `Cannot use --fail-on "newly-accepted,new,old": "new", "old" are not categories. ${allowed}`,
    ],
    [' , ', `Cannot use --fail-on " , ": it names no category. ${allowed}`],
  ];
  for (const [text, message] of refused) {
    it(`refuses ${JSON.stringify(text)}, listing the allowed values`, () => {
      expect(() => parseFailOn(text))
        .to.throw(HarnessError)
        .with.property('message', message);
    });
  }
});

describe('baseline: reading a results.json', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baseline-read-'));
    await mkdir(join(dir, 'folder.json'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function refusal(name: string, content?: string): Promise<string> {
    const path = join(dir, name);
    if (content !== undefined) await writeFile(path, content);
    try {
      await readResultsFile(path, 'the --baseline file');
    } catch (error) {
      expect(error).to.be.instanceOf(HarnessError);
      const message = (error as Error).message;
      expect(message, 'one line').to.not.include('\n');
      return message.replace(dir, '<dir>');
    }
    throw new Error(`${name} was read`);
  }

  const fix = "Give the results.json an earlier 'mtls-conformance run' wrote into its --report-dir.";
  const results = sampleRunResults();
  const cases: [string, string | undefined, string][] = [
    ['missing.json', undefined, `Cannot read the --baseline file <dir>/missing.json: no such file. ${fix}`],
    [
      'folder.json',
      undefined,
      `Cannot read the --baseline file <dir>/folder.json: it is a folder, not a file. ${fix}`,
    ],
    [
      'report.html',
      '<!doctype html>',
      `Cannot read the --baseline file <dir>/report.html: it is not JSON (Unexpected token '<', "<!doctype html>" is not valid JSON). ${fix}`,
    ],
    [
      'array.json',
      '[]',
      `Cannot read the --baseline file <dir>/array.json: it is JSON but not a results.json (an array at the top). ${fix}`,
    ],
    [
      'diff.json',
      JSON.stringify({ version: 1, gate: {}, differences: [] }),
      `Cannot read the --baseline file <dir>/diff.json: it is a diff.json, not a results.json. ${fix}`,
    ],
    [
      'other.json',
      JSON.stringify({ name: 'some-package', version: '1.0.0' }),
      `Cannot read the --baseline file <dir>/other.json: it is JSON but not a results.json of mtls-conformance (no "tool.name": "mtls-conformance" and "version"). ${fix}`,
    ],
    [
      'v2.json',
      JSON.stringify({ ...results, version: 2 }),
      'Cannot read the --baseline file <dir>/v2.json: it is results.json version 2, and this mtls-conformance reads version 1. ' +
        'Use an mtls-conformance that reads it, or make the baseline again with this one.',
    ],
    [
      'broken.json',
      JSON.stringify({
        ...results,
        targets: [
          { ...results.targets[0], scenarios: [results.targets[0]!.scenarios[0], { verdict: 'pass' }] },
        ],
      }),
      `Cannot read the --baseline file <dir>/broken.json: it is not a valid results.json version 1: targets[0].scenarios[1].id is missing, not a string. ${fix}`,
    ],
  ];
  for (const [name, content, message] of cases) {
    it(`refuses ${name} in one line: ${message.split(': ').slice(1).join(': ').slice(0, 40)}…`, async () => {
      expect(await refusal(name, content)).to.equal(message);
    });
  }

  it('reads a results.json as written, unknown fields kept', async () => {
    const path = join(dir, 'results.json');
    await writeFile(path, JSON.stringify({ ...results, futureField: true }));
    const read = await readResultsFile(path, 'OLD');
    expect(read.targets.map((target) => target.name)).to.deep.equal(['ca1-and-ca2', 'ca1-only']);
    expect(read).to.have.property('futureField', true);
  });
});
