import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { isCi, requireDockerEngine } from './support/docker-available.ts';

/** Records a skip the way mocha's this.skip() ends a hook: by throwing. */
function fakeContext() {
  const context = {
    skipped: false,
    skip(): never {
      context.skipped = true;
      throw new Error('skipped');
    },
  };
  return context;
}

describe('targets: requireDockerEngine (test helper)', function () {
  const absent = `unix:///tmp/mtlsc-absent-${randomUUID().slice(0, 8)}.sock`;

  it('fails, not skips, under CI when no engine answers', async function () {
    const context = fakeContext();
    const error = await requireDockerEngine(context, { DOCKER_HOST: absent, CI: 'true' }).then(
      () => expect.fail('resolved without an engine'),
      (e: unknown) => e as Error,
    );
    expect(context.skipped).to.be.false;
    expect(error.message).to.match(
      new RegExp(
        `^no Docker engine answered at ${absent} \\(connect ENOENT .*\\), and CI=true: container tests must run in CI`,
      ),
    );
  });

  it('skips when no engine answers and CI is not set', async function () {
    const context = fakeContext();
    await requireDockerEngine(context, { DOCKER_HOST: absent }).catch(() => undefined);
    expect(context.skipped).to.be.true;
  });

  it('reads CI as CI services set it', function () {
    expect(
      [undefined, '', 'false', '0', 'true', '1', 'True'].map((CI) => isCi(CI === undefined ? {} : { CI })),
    ).to.deep.equal([false, false, false, false, true, true, true]);
  });
});
