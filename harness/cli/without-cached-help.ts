import type { Argv } from 'yargs';

/** The part of yargs' internals this file touches (yargs 18: usage.js, command.js). */
interface YargsInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
}

/**
 * Stops yargs from rendering the whole help text each time a command runs. yargs 18 renders it right
 * after a command's handler starts (command.js calls `usage.cacheHelpMessage()`), to show it should the
 * command fail later or call `showHelp()`; this CLI does neither (its `.fail()` throws, one line, and no
 * command calls showHelp), and the rendering measures every line's width (string-width: an ICU
 * segmenter, Unicode property regexps), ~30 ms of each `scenarios` or `run` start on the shared 2-core
 * machine. `--help` itself renders as before. Through internals missing from yargs' typings: if a later
 * yargs moves them, nothing changes but the time.
 */
export function withoutCachedHelp<T>(parser: Argv<T>): Argv<T> {
  const usage = (parser as unknown as YargsInternals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
  return parser;
}
