/**
 * The line of a server's output that says why it failed: nginx's first `[emerg]`/`[alert]`/`[crit]`/
 * `[error]` line, else openssl's first line that mentions an error, else the first non-empty line.
 */
export function firstErrorLine(...outputs: readonly string[]): string | undefined {
  const lines = outputs
    .join('\n')
    .split('\n')
    // nginx's error.log prefix, `2024/05/01 10:00:00 [emerg] 123#123: `, down to `[emerg] `.
    .map((line) => line.trim().replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d (\[\w+\]) \d+#\d+: /, '$1 '))
    .filter(Boolean);
  return (
    lines.find((line) => /\[(emerg|alert|crit|error)\]/.test(line)) ??
    lines.find((line) => /error|unable|could not|cannot|failed/i.test(line)) ??
    lines[0]
  );
}
