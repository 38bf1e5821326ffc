/** How a message shows a value the user wrote: strings quoted, collections by kind, long text cut. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return typeof value;
}

/** `a string`, `a whole number`, `a list`: JSON Schema types as a person says them. */
export function describeType(type: string): string {
  const names: Record<string, string> = {
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    object: 'a mapping (key: value)',
    array: 'a list',
    null: 'nothing',
  };
  return names[type] ?? type;
}

/** `a, b or c`. */
export function listChoices(choices: readonly unknown[]): string {
  return choices.map((choice) => (typeof choice === 'string' ? choice : JSON.stringify(choice))).join(', ');
}

/**
 * The allowed name closest to a misspelt one, when it is close enough to be a likely typo. Names that
 * differ only in digits are not typos of each other (`TLSv1.1` is not a misspelt `TLSv1.2`).
 */
export function closestName(typed: string, allowed: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  const withoutDigits = (text: string) => text.toLowerCase().replace(/[0-9]/g, '');
  for (const name of allowed) {
    // ca3 for ca1 is another fixture, not a typo; serverCA for serverCa is a typo (case only).
    const caseOnly = name.toLowerCase() === typed.toLowerCase();
    if (!caseOnly && withoutDigits(name) === withoutDigits(typed)) continue;
    const distance = editDistance(typed.toLowerCase(), name.toLowerCase());
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(typed.length / 3)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
