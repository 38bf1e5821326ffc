import { defaultTargetName, targetUrlProblem } from './target-url.ts';

/** One endpoint of a targets file: its name (written, or the URL's host:port) and URL. */
export interface ListedEndpoint {
  name: string;
  url: string;
  /** 1-based, for messages. */
  line: number;
}

export interface ParsedTargetsFile {
  endpoints: ListedEndpoint[];
  /** One line each: `line 7: "ftp://x" uses ftp:; allowed schemes: https, tls`. */
  problems: string[];
}

// The schema's pattern and length for target names, so listed names obey the same rule as written ones.
const namePattern = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const maxNameLength = 64;

/**
 * Reads a list of endpoints: one a line, `URL` or `NAME URL`; blank lines and `#` comments are skipped.
 * Every line is checked and every problem returned, so a list of hundreds is fixed in one pass.
 */
export function parseTargetsFile(text: string): ParsedTargetsFile {
  const endpoints: ListedEndpoint[] = [];
  const problems: string[] = [];
  const lineOfName = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const words = raw.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return;
    if (words.length > 2) {
      problems.push(`line ${line}: expected URL or NAME URL, saw ${words.length} words`);
      return;
    }
    const url = words.at(-1)!;
    const urlProblem = targetUrlProblem(url);
    if (urlProblem) {
      problems.push(`line ${line}: ${urlProblem}`);
      return;
    }
    const written = words.length === 2 ? words[0]! : undefined;
    const name = written ?? defaultTargetName(url);
    if (!namePattern.test(name) || name.length > maxNameLength) {
      problems.push(
        `line ${line}: ${JSON.stringify(name)} cannot name a target; use up to ${maxNameLength} letters, digits, ".", "_", ":" and "-", starting with a letter or digit`,
      );
      return;
    }
    const first = lineOfName.get(name.toLowerCase());
    if (first !== undefined) {
      const fix = written
        ? 'rename one'
        : `write a name before the URL, e.g. "${name.replace(/:/g, '-')}-b ${url}"`;
      problems.push(
        `line ${line}: the name ${name} is already used on line ${first} (names are unique, ignoring case); ${fix}`,
      );
      return;
    }
    lineOfName.set(name.toLowerCase(), line);
    endpoints.push({ name, url, line });
  });
  return { endpoints, problems };
}
