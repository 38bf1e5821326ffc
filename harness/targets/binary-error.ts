import { HarnessError } from '../common/harness-error.ts';

export interface BinaryErrorParams {
  target: string;
  /** What the binary is, e.g. `nginx`. */
  program: string;
  /** The path or command name that was tried. */
  binary: string;
  /** The spawn error code: `ENOENT`, `EACCES`, … */
  code: string;
  /** What to do, one sentence: `Install it (apt-get install nginx-light) or set nginx.binary.` */
  fix: string;
}

/** One line for a server binary that could not be run: what was tried, why, and the fix. */
export function binaryError(params: BinaryErrorParams): HarnessError {
  const where = params.binary.includes('/') ? `at ${params.binary}` : `on PATH as "${params.binary}"`;
  const what =
    params.code === 'ENOENT'
      ? `${params.program} not found ${where}`
      : params.code === 'EACCES'
        ? `${params.program} ${where} is not executable`
        : `${params.program} ${where} could not be run`;
  return new HarnessError(`Cannot start target "${params.target}": ${what} (${params.code}). ${params.fix}`);
}
