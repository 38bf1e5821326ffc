/** Collects one problem of a spec: its field path and what is wrong, with the value seen. */
export type Report = (path: string, text: string) => void;

export function checkKeys(
  value: Record<string, unknown>,
  allowed: string[],
  prefix: string,
  problem: Report,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) problem(`${prefix}${key}`, `unknown field; allowed: ${allowed.join(', ')}`);
  }
}

export function optionalString(value: unknown, path: string, problem: Report): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string' && value !== '') return value;
  problem(path, `must be a non-empty string (${describe(value)})`);
  return null;
}

export function parseDate(value: unknown, path: string, problem: Report): number | undefined {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    problem(path, `must be an ISO 8601 date such as 2030-01-31T00:00:00Z (${describe(value)})`);
    return undefined;
  }
  return time;
}

export function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
