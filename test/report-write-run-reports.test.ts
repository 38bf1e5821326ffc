import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../harness/common/harness-error.ts';
import { writeRunReportHtml, writeRunReports } from '../harness/report/write-run-reports.ts';
import { sampleRunResults } from './support/report-sample-results.ts';

describe('report: writeRunReports', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-write-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the report folder and writes results.json equal to the input, junit.xml and report.html', async () => {
    const results = sampleRunResults();
    const reportDir = join(dir, 'nested', 'reports');

    const files = await writeRunReports({ results, reportDir });

    expect(files).to.deep.equal({
      html: join(reportDir, 'report.html'),
      junit: join(reportDir, 'junit.xml'),
      json: join(reportDir, 'results.json'),
    });
    expect(JSON.parse(await readFile(files.json, 'utf8'))).to.deep.equal(results);
    expect(await readFile(files.json, 'utf8')).to.match(/^\{\n {2}"version": 1,/);
    expect(await readFile(files.junit, 'utf8')).to.match(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /,
    );
    const html = await readFile(files.html, 'utf8');
    expect(html).to.match(/^<!DOCTYPE html>/);
    expect(html).to.include('<title>mtls-conformance: 2 targets, 30 scenarios: 29 passed, 1 failed</title>');
    expect((await readdir(reportDir)).sort()).to.deep.equal(['junit.xml', 'report.html', 'results.json']);
  });

  it('makes a self-contained static page: no script at all, its style inline, nothing to fetch', async () => {
    const html = await withEnvironment(
      { MOCHAWESOME_CDN: 'true', MOCHAWESOME_O: join(dir, 'elsewhere') },
      async () => {
        const files = await writeRunReports({ results: sampleRunResults(), reportDir: dir });
        return readFile(files.html, 'utf8');
      },
    );

    expect(html).not.to.match(/<script|<link|<img|<iframe|\son[a-z]+=/i);
    expect(html).not.to.match(/(src|href)="(?!#)/);
    expect(html).to.match(/<style>/);
    expect(await readdir(dir)).not.to.include('elsewhere');
  });

  it('leaves the previous reports intact and no partial file when writing fails midway', async () => {
    await writeRunReports({ results: sampleRunResults(), reportDir: dir });
    const before = await snapshot(dir);
    const next = sampleRunResults();
    next.targets.pop();

    // The HTML renderer writes half a page into staging, then the disk "fills up".
    const failing = writeRunReports({ results: next, reportDir: dir }, async (results, target) => {
      const html = await writeRunReportHtml(results, target);
      await writeFile(html, '<!doctype html><html><body>half a pa');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });

    const error = await failing.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(HarnessError);
    expect((error as Error).message).to.equal(
      `Cannot write the reports in ${dir}: no space left on the device. The reports there are unchanged; choose a writable folder with --report-dir.`,
    );
    expect(await snapshot(dir)).to.deep.equal(before);
  });

  it('refuses a report folder that is a file, saying so', async () => {
    const file = join(dir, 'reports');
    await writeFile(file, 'not a folder');

    const error = await writeRunReports({ results: sampleRunResults(), reportDir: file }).then(
      () => undefined,
      (caught: unknown) => caught,
    );

    expect(error).to.be.instanceOf(HarnessError);
    expect((error as Error).message).to.equal(
      `Cannot write the reports in ${file}: it, or a folder on its path, is a file. The reports there are unchanged; choose a writable folder with --report-dir.`,
    );
    expect(await readFile(file, 'utf8')).to.equal('not a folder');
  });
});

/** Every entry of `dir` (hidden ones included) with its content. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir);
  const contents = await Promise.all(entries.map((entry) => readFile(join(dir, entry), 'utf8')));
  return Object.fromEntries(entries.map((entry, index) => [entry, contents[index] ?? '']));
}

async function withEnvironment<T>(variables: Record<string, string>, use: () => Promise<T>): Promise<T> {
  const saved = Object.keys(variables).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, variables);
  try {
    return await use();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
