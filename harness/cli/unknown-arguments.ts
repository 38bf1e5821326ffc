import { closestName } from '../config/describe-value.ts';

/**
 * yargs' "Unknown arguments: server-CA, serverCA" made readable: each flag once (yargs also lists the
 * camelCase form it derived from a kebab-case flag), each with the option it most likely meant
 * (`--serverCA` → `--server-ca`). Undefined for any other message.
 */
export function describeUnknownArguments(
  message: string,
  knownOptions: readonly string[],
): string | undefined {
  const listed = /^Unknown arguments?: (.+)$/.exec(message)?.[1];
  if (listed === undefined) return undefined;
  const names = listed.split(', ');
  const unique = names.filter((name) => !names.some((other) => other !== name && camelCase(other) === name));
  const kebab = knownOptions.filter((option) => option === option.toLowerCase());
  const described = unique.map((name) => {
    const guess = closestName(name, kebab) ?? closestName(kebab2(name), kebab) ?? prefixOf(name, kebab);
    return `${name}${guess === undefined ? '' : ` (did you mean --${guess}?)`}`;
  });
  return `Unknown argument${unique.length === 1 ? '' : 's'}: ${described.join(', ')}`;
}

// `--report-directory` for `--report-dir`: one name begins the other, too far apart to be a typo.
function prefixOf(name: string, known: readonly string[]): string | undefined {
  const typed = kebab2(name);
  return known.find(
    (option) =>
      Math.min(option.length, typed.length) >= 4 && (typed.startsWith(option) || option.startsWith(typed)),
  );
}

// yargs' camel-case expansion (yargs-parser's camelCase): `report-directory` → `reportDirectory`.
function camelCase(name: string): string {
  return name.replace(/-+([^-])/g, (_, letter: string) => letter.toUpperCase());
}

// `serverCA` → `server-ca`, so a camelCase spelling of a flag finds its kebab-case original.
function kebab2(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
