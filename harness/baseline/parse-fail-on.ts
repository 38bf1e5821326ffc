import { HarnessError } from '../common/harness-error.ts';
import { diffCategories, isDiffCategory, type DiffCategory } from './diff-category.ts';

/**
 * The categories of `--fail-on newly-accepted,newly-rejected`: comma-separated, spaces allowed,
 * duplicates ignored, returned in the order of `diffCategories`. An unknown or empty value is refused
 * with the list of allowed ones.
 */
export function parseFailOn(text: string): DiffCategory[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !isDiffCategory(name));
  if (names.length === 0 || unknown.length > 0) {
    const seen = unknown.length > 0 ? unknown.map((name) => JSON.stringify(name)).join(', ') : '""';
    throw new HarnessError(
      `Cannot use --fail-on ${JSON.stringify(text)}: ${seen} ${unknown.length > 1 ? 'are not categories' : 'is not a category'}. ` +
        `Allowed, comma-separated: ${diffCategories.join(', ')}.`,
    );
  }
  return diffCategories.filter((category) => names.includes(category));
}
