import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { startCliProcess } from './support/started-cli-process.ts';

/**
 * Issue 25: a signal in the first seconds, while the harness's modules load, ended the process by the
 * signal's default action (SIGTERM: 143, no output). The CLI is held, deterministically, in the middle
 * of loading: tsx reads its tsconfig from TSX_TSCONFIG_PATH when the loader is registered, and here that
 * is a FIFO nobody writes to until the signal has been sent. So the signal arrives before a line of the
 * harness has run, whatever the machine's speed.
 */
describe('reliability: a signal while the CLI is still loading ends it with 130', function () {
  this.timeout(60_000);
  let work: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'mtlsc-early-signal-'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} during module loading: exit 130 and one line, nothing else done`, async () => {
      const fifo = join(work, `tsconfig-${signal}.json`);
      await promisify(execFile)('mkfifo', [fifo]);
      // `scenarios` installs no handler of its own: before the fix nothing caught the signal at all.
      // MTLSC_RUN_SOURCES: tsx loads the sources (the compiled tree has no tsconfig to wait on); the
      // handler under test is installed before either way of loading begins.
      const cli = startCliProcess(['scenarios'], {
        env: { TSX_TSCONFIG_PATH: fifo, MTLSC_RUN_SOURCES: '1' },
      });
      let writer: FileHandle | undefined;
      try {
        writer = await openWhenRead(fifo, cli.ended);
        // The loader now waits on the FIFO: the harness has not started loading. (/proc's SigCgt cannot
        // tell: Node itself catches SIGINT and SIGTERM to restore the terminal, then re-raises them.)
        cli.kill(signal);
        await writer.write('{}');
      } finally {
        await writer?.close();
      }
      const ended = await cli.ended;
      expect({ code: ended.code, signal: ended.signal }).to.deep.equal({ code: 130, signal: null });
      expect(ended.stdout, 'the command did not run').to.equal('');
      expect(ended.stderr).to.equal(`mtls-conformance: interrupted by ${signal} (exit 130).\n`);
    });
  }
});

/** Opens the FIFO for writing once the process has it open for reading (ENXIO until then). */
async function openWhenRead(fifo: string, ended: Promise<unknown>): Promise<FileHandle> {
  let gone = false;
  void ended.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error('the CLI ended before it read its tsconfig');
    try {
      return await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENXIO') throw error;
      await delay(10);
    }
  }
}
