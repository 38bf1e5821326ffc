import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One fenced block of a Markdown file: its language and text, and the line it starts on. */
export interface FencedBlock {
  file: string;
  line: number;
  language: string;
  text: string;
}

/** The fenced code blocks of a Markdown text, in order. */
export function fencedBlocks(file: string, markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^```(\w*)\s*$/.exec(lines[index]!);
    if (!open) continue;
    const end = lines.findIndex((line, at) => at > index && line.startsWith('```'));
    if (end < 0) throw new Error(`${file}:${index + 1}: a code block is never closed`);
    blocks.push({ file, line: index + 1, language: open[1]!, text: lines.slice(index + 1, end).join('\n') });
    index = end;
  }
  return blocks;
}

/** README.md and every Markdown file of docs/ (not its subfolders), by repository path. */
export function documentationFiles(root: string): Map<string, string> {
  const files = new Map<string, string>([['README.md', readFileSync(join(root, 'README.md'), 'utf8')]]);
  for (const name of readdirSync(join(root, 'docs')).sort()) {
    if (name.endsWith('.md')) files.set(`docs/${name}`, readFileSync(join(root, 'docs', name), 'utf8'));
  }
  return files;
}

/**
 * The commands of a shell example, one argv each: continuation lines joined, comments dropped, split at
 * `&&`, `||`, `;` and `|`, words unquoted; `VAR=value` prefixes are kept apart as `env`. A `$ ` prompt
 * (a transcript) marks the only command lines of a block.
 */
export function shellCommands(text: string): Array<{ env: Record<string, string>; argv: string[] }> {
  const transcript = text.split('\n').some((line) => line.startsWith('$ '));
  const lines = text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((line) => !transcript || line.startsWith('$ '))
    .map((line) => (transcript ? line.slice(2) : line));
  const commands: Array<{ env: Record<string, string>; argv: string[] }> = [];
  for (const line of lines) {
    for (const segment of splitSegments(line)) {
      const words = withoutRedirections(shellWords(segment));
      const env: Record<string, string> = {};
      while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) {
        const [name, ...value] = words.shift()!.split('=');
        env[name!] = value.join('=');
      }
      if (words.length > 0) commands.push({ env, argv: words });
    }
  }
  return commands;
}

/** The words without their redirections (`> run.log`, `2>&1`, `>>log`): they are the shell's, not the command's. */
function withoutRedirections(words: string[]): string[] {
  const kept: string[] = [];
  for (let at = 0; at < words.length; at += 1) {
    const word = words[at]!;
    if (/^\d?(>>?|<)$/.test(word)) at += 1;
    else if (!/^\d?(>>?|<)(&\d|\S+)$/.test(word)) kept.push(word);
  }
  return kept;
}

/** A line cut at unquoted `&&`, `||`, `;`, `|` and before an unquoted `#` comment. */
function splitSegments(line: string): string[] {
  const segments: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let at = 0; at < line.length; at += 1) {
    const char = line[at]!;
    if (quote) {
      if (char === quote) quote = undefined;
      current += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      current += char;
    } else if (char === '#' && (at === 0 || /\s/.test(line[at - 1]!))) {
      break;
    } else if (char === ';' || char === '|' || (char === '&' && line[at + 1] === '&')) {
      if (line[at + 1] === char) at += 1;
      segments.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  segments.push(current);
  return segments.map((segment) => segment.trim()).filter((segment) => segment !== '');
}

/** Words as a POSIX shell splits them, quotes removed (no expansion). */
function shellWords(segment: string): string[] {
  const words: string[] = [];
  let current: string | undefined;
  let quote: string | undefined;
  for (const char of segment) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current = (current ?? '') + char;
    } else if (char === "'" || char === '"') {
      quote = char;
      current ??= '';
    } else if (/\s/.test(char)) {
      if (current !== undefined) words.push(current);
      current = undefined;
    } else {
      current = (current ?? '') + char;
    }
  }
  if (current !== undefined) words.push(current);
  return words;
}
