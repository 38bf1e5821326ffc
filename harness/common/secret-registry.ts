import { minimumSecretFormLength, secretForms, type SecretFormKind } from './secret-forms.ts';

/** What a form of a registered secret is replaced with. */
interface Replacement {
  text: string;
}

export interface RedactOptions {
  /**
   * The text was cut at its end (a body kept up to a byte limit, an excerpt): a secret the cut split
   * left only its start there, which no whole form matches. A tail that is the start of a form, at
   * least four characters long, is redacted too.
   */
  cutAtEnd?: boolean;
}

/**
 * The secrets of a run and every form an echoing endpoint may write them in (secretForms), and the one
 * function that takes them out of a text before it is kept: `redact`. Secrets are added where they are
 * read (an environment variable, a passphrase file, a token response); nothing is ever removed, so a
 * secret known once is redacted from everything kept afterwards. A registry made with a parent also
 * redacts the parent's secrets, including those the parent learns later.
 */
export class SecretRegistry {
  readonly #parent: SecretRegistry | undefined;
  readonly #forms = new Map<string, Replacement>();
  #version = 0;
  #compiled: { version: number; pattern: RegExp | undefined; forms: Map<string, Replacement> } | undefined;

  constructor(parent?: SecretRegistry) {
    this.#parent = parent;
  }

  /**
   * Registers `secret` in all its forms. `label` names where it came from, never its value (`$API_TOKEN`,
   * `the fixture passphrase`); the redacted text says `[redacted $API_TOKEN]`, and `, base64` for a
   * derived form. `replacement`, when given, replaces the form as sent instead (an access token keeps its
   * readable claims). A secret shorter than four characters is only searched for in longer forms.
   */
  add(secret: string, label: string, options: { replacement?: string } = {}): this {
    for (const form of secretForms(secret)) {
      if (this.#forms.has(form.text)) continue;
      const text =
        form.kind === 'as sent' && options.replacement !== undefined
          ? options.replacement
          : marker(label, form.kind);
      this.#forms.set(form.text, { text });
      this.#version += 1;
    }
    return this;
  }

  /**
   * Registers what an `Authorization` (or `Proxy-Authorization`) header value carries: for Basic the
   * password and `user:password` (whose base64 form is the header's own value), for Bearer the token,
   * for any other scheme its credentials. The user name alone is no secret and stays readable.
   */
  addAuthorization(header: string, label: string): this {
    const [scheme = '', ...rest] = header.trim().split(/\s+/);
    const credentials = rest.join(' ');
    if (credentials === '') return this.add(scheme, label);
    if (scheme.toLowerCase() === 'basic') {
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) {
        this.add(decoded.slice(colon + 1), label);
        this.add(decoded, `${label} (user:password)`);
      }
    }
    return this.add(credentials, label);
  }

  /** How many forms are registered here and in the parents: 0 means redact() returns its input. */
  get size(): number {
    return this.#allForms().size;
  }

  /** `text` with every registered form replaced; see RedactOptions for a text that was cut. */
  redact(text: string, options: RedactOptions = {}): string {
    const { pattern, forms } = this.#compile();
    if (pattern === undefined || text === '') return text;
    const redacted = text.replace(pattern, (found) => forms.get(found)?.text ?? '[redacted]');
    return options.cutAtEnd ? redactCutTail(redacted, forms) : redacted;
  }

  /**
   * A copy of `value` (JSON-like data: objects, arrays, strings, numbers) with every string redacted.
   * `isCut(key, parent)` says which strings were cut at their end (RedactOptions.cutAtEnd).
   */
  redactDeep<T>(value: T, isCut: (key: string, parent: Record<string, unknown>) => boolean = () => false): T {
    if (this.size === 0) return value;
    const walk = (node: unknown): unknown => {
      if (typeof node === 'string') return this.redact(node);
      if (Array.isArray(node)) return node.map(walk);
      if (node === null || typeof node !== 'object') return node;
      const record = node as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(record).map(([key, child]) => [
          key,
          typeof child === 'string' ? this.redact(child, { cutAtEnd: isCut(key, record) }) : walk(child),
        ]),
      );
    };
    return walk(value) as T;
  }

  #allForms(): Map<string, Replacement> {
    const parent = this.#parent === undefined ? undefined : this.#parent.#allForms();
    if (parent === undefined || parent.size === 0) return this.#forms;
    // The parent's label wins for a text both know: it was registered where the secret was read, and
    // names its variable.
    return new Map([...this.#forms, ...parent]);
  }

  #totalVersion(): number {
    return this.#version + (this.#parent === undefined ? 0 : this.#parent.#totalVersion());
  }

  #compile(): { pattern: RegExp | undefined; forms: Map<string, Replacement> } {
    const version = this.#totalVersion();
    if (this.#compiled?.version === version) return this.#compiled;
    const forms = this.#allForms();
    // Longest first: where one form contains another (a password inside user:password), the whole goes.
    const texts = [...forms.keys()].sort((a, b) => b.length - a.length);
    const pattern = texts.length === 0 ? undefined : new RegExp(texts.map(escapeRegExp).join('|'), 'g');
    this.#compiled = { version, pattern, forms };
    return this.#compiled;
  }
}

function marker(label: string, kind: SecretFormKind): string {
  return kind === 'as sent' ? `[redacted ${label}]` : `[redacted ${label}, ${kind}]`;
}

/** Replaces a tail of `text` that is the start of a form (a secret the cut split in two) with a marker. */
function redactCutTail(text: string, forms: ReadonlyMap<string, Replacement>): string {
  let cutFrom = text.length;
  for (const form of forms.keys()) {
    const first = form.charCodeAt(0);
    for (
      let at = Math.max(0, text.length - form.length + 1);
      at <= text.length - minimumSecretFormLength;
      at++
    ) {
      if (at >= cutFrom) break;
      if (text.charCodeAt(at) === first && form.startsWith(text.slice(at))) {
        cutFrom = at;
        break;
      }
    }
  }
  return cutFrom === text.length ? text : `${text.slice(0, cutFrom)}[redacted]`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
