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
  const allowed = `Allowed, comma-separated: ${diffCategories.join(', ')}.`;
  if (names.length === 0) {
    throw new HarnessError(`Cannot use --fail-on ${JSON.stringify(text)}: it names no category. ${allowed}`);
  }
  if (unknown.length > 0) {
    const seen = unknown.map((name) => JSON.stringify(name)).join(', ');
    const verb = unknown.length > 1 ? 'are not categories' : 'is not a category';
    throw new HarnessError(`Cannot use --fail-on ${JSON.stringify(text)}: ${seen} ${verb}. ${allowed}`);
  }
  return diffCategories.filter((category) => names.includes(category));
}
