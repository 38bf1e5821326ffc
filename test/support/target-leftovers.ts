import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';

/** Command lines of running processes that mention `pattern` (`pgrep -af`). */
export function processesMatching(pattern: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile('pgrep', ['-af', pattern], { encoding: 'utf8' }, (error, stdout) => {
      // pgrep exits 1 when nothing matches.
      if (error && error.code !== 1)
        return reject(new Error(`pgrep failed: ${error.message}`, { cause: error }));
      resolve(stdout.split('\n').filter((line) => line.trim() !== ''));
    });
  });
}

/** Entries of the temp directory whose names start with `prefix`. */
export async function tempEntriesStartingWith(prefix: string): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith(prefix));
}

/** IDs of containers, running or not, that carry `label=value` (`docker ps -a`, DOCKER_HOST as set). */
export function containersLabelled(label: string, value: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'docker',
      ['ps', '-a', '-q', '--filter', `label=${label}=${value}`],
      { encoding: 'utf8' },
      (error, stdout) => {
        if (error) return reject(new Error(`docker ps failed: ${error.message}`, { cause: error }));
        resolve(stdout.split('\n').filter(Boolean));
      },
    );
  });
}
