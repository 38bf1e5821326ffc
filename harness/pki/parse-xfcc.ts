/**
 * Envoy's `X-Forwarded-Client-Cert` (XFCC): one element per proxy the request passed, separated by
 * `,`; each element `Key=Value` pairs separated by `;`; a value that holds `,`, `;` or `=` is a quoted
 * string with `\` escapes (Envoy's "x-forwarded-client-cert" header documentation). Keys are read
 * case-insensitively: `By`, `Hash`, `Cert`, `Chain`, `Subject`, `URI`, `DNS`. Pure; no I/O.
 */
export type XfccElement = ReadonlyMap<string, string>;

export type XfccParse = { ok: true; elements: XfccElement[] } | { ok: false; problem: string };

/** The elements of one XFCC header value, keys lower-cased; or why it is not XFCC. */
export function parseXfcc(text: string): XfccParse {
  const elements: XfccElement[] = [];
  let element = new Map<string, string>();
  let index = 0;
  const skipSpaces = () => {
    while (text[index] === ' ' || text[index] === '\t') index += 1;
  };
  for (;;) {
    skipSpaces();
    const keyStart = index;
    while (index < text.length && /[A-Za-z0-9_-]/.test(text[index]!)) index += 1;
    const key = text.slice(keyStart, index).toLowerCase();
    if (key === '' || text[index] !== '=') {
      return { ok: false, problem: `expected Key=Value at character ${index + 1}, saw ${near(text, index)}` };
    }
    index += 1;
    let value = '';
    if (text[index] === '"') {
      index += 1;
      for (;;) {
        const char = text[index];
        if (char === undefined) return { ok: false, problem: 'a quoted value is never closed' };
        index += 1;
        if (char === '"') break;
        if (char === '\\') {
          const escaped = text[index];
          if (escaped === undefined) return { ok: false, problem: 'a quoted value ends in a backslash' };
          value += escaped;
          index += 1;
        } else value += char;
      }
    } else {
      const valueStart = index;
      while (index < text.length && text[index] !== ';' && text[index] !== ',') index += 1;
      value = text.slice(valueStart, index).trim();
    }
    element.set(key, value);
    skipSpaces();
    const separator = text[index];
    if (separator === undefined) {
      elements.push(element);
      return { ok: true, elements };
    }
    index += 1;
    if (separator === ',') {
      elements.push(element);
      element = new Map();
    } else if (separator !== ';') {
      return { ok: false, problem: `expected ; or , at character ${index}, saw ${near(text, index - 1)}` };
    }
  }
}

/** `Hash=…;Cert="…";Subject="…"`: one element, each value quoted (escaping `"` and `\`). */
export function formatXfccElement(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([key, value]) => `${key}="${value.replace(/["\\]/g, '\\$&')}"`).join(';');
}

function near(text: string, index: number): string {
  const rest = text.slice(index, index + 16);
  return rest === '' ? 'the end' : JSON.stringify(rest);
}
