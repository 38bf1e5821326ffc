// mochawesome ships no type declarations; these cover the parts the harness uses.
declare module 'mochawesome/addContext.js' {
  import type { Context } from 'mocha';

  /** Attaches evidence to the running test; the HTML report shows it under the test. */
  export default function addContext(
    test: Context,
    context: string | { title: string; value: unknown },
  ): void;
}
