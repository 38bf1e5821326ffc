import { printable } from './printable-text.ts';

// XML 1.0 §2.2 forbids most control characters outright (even as &#x1B;); printable() shows them as
// escapes first. Then the five markup characters become entities; `>` too, so `]]>` never appears in
// content (§2.4). In attributes, line breaks and tabs become references so parsers keep them (§3.3.3).

/** Text content of an element. */
export function xmlText(text: string): string {
  return printable(text).replace(/[&<>]/g, (character) => entities[character] ?? character);
}

/** The value of an attribute, to be written between double quotes. */
export function xmlAttribute(text: string): string {
  return printable(text).replace(/[&<>"'\n\t]/g, (character) => entities[character] ?? character);
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\t': '&#9;',
};
