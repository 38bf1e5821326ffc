import type { EvidenceContext } from './evidence-contexts.ts';

/**
 * Evidence as plain text for places without mochawesome's page (JUnit, a terminal, a diff): a one-line
 * value follows its title, a longer one is indented under it.
 */
export function evidenceText(contexts: readonly EvidenceContext[]): string {
  return contexts
    .map(({ title, value }) => {
      const lines = value.replace(/\n$/, '').split('\n');
      return lines.length === 1 ? `${title}: ${lines[0]}` : [`${title}:`, ...lines.map(indent)].join('\n');
    })
    .join('\n');
}

function indent(line: string): string {
  return line === '' ? '' : `  ${line}`;
}
