/**
 * The line of a server's output that says why it failed: the first line logged at level emerg, alert,
 * crit or error (nginx's `[emerg]`, Apache's `[ssl:emerg]`, HAProxy's `[ALERT]`), else the first line
 * that mentions an error, else the first non-empty line; with the line after it when it ends in `:`.
 */
export function firstErrorLine(...outputs: readonly string[]): string | undefined {
  const lines = outputs
    .join('\n')
    .split('\n')
    .map((line) =>
      line
        .trim()
        // nginx's error.log prefix, `2024/05/01 10:00:00 [emerg] 123#123: `, down to `[emerg] `.
        .replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d (\[\w+\]) \d+#\d+: /, '$1 ')
        // Apache's, `[Fri Dec 04 05:31:43.666160 2026] [ssl:emerg] [pid 1:tid 1] `, down to `[ssl:emerg] `.
        .replace(/^\[[^\]]+\] (\[[\w:]+\]) \[pid [^\]]+\] /, '$1 ')
        // HAProxy's, `[ALERT]    (1234) : `, down to `[ALERT] `.
        .replace(/^(\[[A-Z]+\])\s+\(\d+\) : /, '$1 '),
    )
    .filter(Boolean);
  const index = [
    lines.findIndex((line) => /\[(?:\w+:)?(emerg|alert|crit|error)\]/i.test(line)),
    lines.findIndex((line) => /error|unable|could not|cannot|failed/i.test(line)),
    0,
  ].find((candidate) => candidate >= 0);
  const line = index === undefined ? undefined : lines[index];
  // Apache puts the reason on the next line: `AH00526: Syntax error on line 37 of …/httpd.conf:`.
  const next = index === undefined ? undefined : lines[index + 1];
  return line?.endsWith(':') && next !== undefined ? `${line} ${next}` : line;
}
