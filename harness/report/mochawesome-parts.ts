import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { EvidenceContext } from './evidence-contexts.ts';
import type { MochawesomeSuite, MochawesomeTest } from './mochawesome-report.ts';

// The pieces every synthesised mochawesome report (a run's, a diff's) is built from, in the shape
// mochawesome's own reporter writes, so mochawesome-report-generator renders them like a real run.

// addContext keeps one context as an object and several as an array; mochawesome then stores the
// JSON text (json-stringify-safe, two-space indent), which is what the report page parses.
export function contextText(contexts: EvidenceContext[]): string | null {
  if (contexts.length === 0) return null;
  return JSON.stringify(contexts.length === 1 ? contexts[0] : contexts, null, 2);
}

export function baseTest(suite: MochawesomeSuite, title: string, uuid: string): MochawesomeTest {
  return {
    title,
    fullTitle: `${suite.title} ${title}`,
    timedOut: false,
    duration: 0,
    state: null,
    speed: null,
    pass: false,
    fail: false,
    pending: false,
    context: null,
    code: '',
    err: {},
    uuid,
    parentUUID: suite.uuid,
    isHook: false,
    skipped: false,
  };
}

export function emptySuite(uuid: string, title: string, root: boolean): MochawesomeSuite {
  return {
    uuid,
    title,
    fullFile: '',
    file: '',
    beforeHooks: [],
    afterHooks: [],
    tests: [],
    suites: [],
    passes: [],
    failures: [],
    pending: [],
    skipped: [],
    duration: 0,
    root,
    rootEmpty: root,
    _timeout: 0,
  };
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? (part / whole) * 100 : 0;
}

/** A name-based UUID (RFC 9562 §5.5 layout, version 5), so the same input gives the same ids. */
export function nameBasedUuid(...names: string[]): string {
  const hex = createHash('sha1').update(names.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const require = createRequire(import.meta.url);

/** The installed version of a package, for the report's `meta` block. */
export function packageVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}
