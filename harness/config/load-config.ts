import { dirname, resolve } from 'node:path';
import { HarnessError } from '../common/harness-error.ts';
import { buildConfig, type BuildConfigOptions } from './build-config.ts';
import { defaultConfigLimits, fileTooLargeMessage } from './config-limits.ts';
import { ConfigError } from './config-problem.ts';
import type { HarnessConfig } from './config-types.ts';
import { parseConfigText } from './parse-config-text.ts';
import { readBoundedText, type BoundedText } from './read-bounded-text.ts';

export type LoadConfigOptions = BuildConfigOptions;

/**
 * Reads a YAML or JSON config and returns it normalised: defaults applied, paths resolved against the
 * file's folder. Every problem (shape, meaning, missing files, unset passphrase variables, and with
 * `fixtureNames` unknown fixture CAs) is reported at once in one ConfigError, before any network I/O.
 */
export function loadConfig(file: string, options: LoadConfigOptions = {}): Promise<HarnessConfig> {
  // Read and checked synchronously, as the files a config names are: a problem rejects the promise.
  return new Promise((settle) => settle(loadConfigNow(file, options)));
}

function loadConfigNow(file: string, options: LoadConfigOptions): HarnessConfig {
  const absolute = resolve(file);
  const limits = { ...defaultConfigLimits, ...options.limits };
  let read: BoundedText;
  try {
    // Bounded before it is parsed: YAML costs seconds and hundreds of MB per MiB (config-limits.ts).
    read = readBoundedText(absolute, limits.maxConfigBytes);
  } catch (error) {
    throw new HarnessError(`Cannot load ${file}. ${readFailure(error, absolute)}`, { cause: error });
  }
  if ('tooLarge' in read) {
    throw new HarnessError(
      `Cannot load ${file}. ${capitalised(fileTooLargeMessage('it', read.size, limits.maxConfigBytes))}.`,
    );
  }
  return parseConfig(read.text, { ...options, file, baseDir: dirname(absolute) });
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface ParseConfigOptions extends BuildConfigOptions {
  /** How messages name the config (the path as the user wrote it). */
  file: string;
  /** The folder relative paths are resolved against. */
  baseDir: string;
}

/** loadConfig() for text already in memory. */
export function parseConfig(text: string, options: ParseConfigOptions): HarnessConfig {
  const { file, baseDir, ...buildOptions } = options;
  if (text.includes('\u0000')) {
    throw new ConfigError({ kind: 'file', file }, [
      { path: [], message: 'it is a binary file, not YAML or JSON text' },
    ]);
  }
  const parsed = parseConfigText(text);
  if (!parsed.ok) throw new ConfigError({ kind: 'file', file }, parsed.problems);
  return buildConfig(parsed.data, { kind: 'file', file, baseDir, lines: parsed.lines }, buildOptions);
}

function readFailure(error: unknown, absolute: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `No such file (${absolute}); mtls-conformance init writes a starter config.`;
  if (code === 'EISDIR') return `${absolute} is a folder; name the config file in it.`;
  if (code === 'EACCES' || code === 'EPERM') return `${absolute} cannot be read (permission denied).`;
  return `${absolute} cannot be read (${code ?? String(error)}).`;
}
