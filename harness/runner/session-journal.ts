import type { TlsSession } from '../probe/tls-session.ts';

/** Who made a recorded session: a fixture client, or the target's own trusted identity. */
export type SessionOwner = { kind: 'fixture'; fixture: string } | { kind: 'trusted-identity'; label: string };

/** A session the target issued to a client it let in, kept for the next run (`run --baseline`). */
export interface RecordedSession {
  owner: SessionOwner;
  /** `tpp1 over TLSv1.3`: how reports name it. */
  label: string;
  /** When the scenario recorded it, ISO 8601. */
  recordedAt: string;
  /** The answer the client got with the handshake that made it, one line. */
  answer: string;
  session: TlsSession;
}

/** One target's sessions: those the baseline run recorded, and those this run records for the next. */
export interface TargetSessionJournal {
  /** The baseline run's sessions for this target; undefined when there is nothing to compare with. */
  readonly previous: readonly RecordedSession[] | undefined;
  /** Why `previous` is undefined or empty, for a skip reason (`no --baseline was given`). */
  readonly previousNote: string;
  /** Where this run's sessions go, for a reason line (`reports/tls-sessions.json`). */
  readonly destination: string;
  record(session: RecordedSession): void;
}

/**
 * The sessions of a run, by target name: read from the baseline's session file before the run, and
 * written beside this run's results after it (see session-journal-file.ts). Never part of a report.
 */
export class SessionJournal {
  readonly #previous: ReadonlyMap<string, readonly RecordedSession[]> | undefined;
  readonly #previousNote: string;
  readonly #destination: string;
  readonly #recorded = new Map<string, RecordedSession[]>();

  /**
   * `previous`: the baseline's sessions by target name, or undefined when there is no baseline (then
   * `previousNote` says why); `destination`: the file this run's sessions will be written to.
   */
  constructor(options: {
    previous: ReadonlyMap<string, readonly RecordedSession[]> | undefined;
    previousNote: string;
    destination: string;
  }) {
    this.#previous = options.previous;
    this.#previousNote = options.previousNote;
    this.#destination = options.destination;
  }

  forTarget(name: string): TargetSessionJournal {
    const previous = this.#previous?.get(name);
    const recorded = this.#recorded;
    return {
      previous: this.#previous === undefined ? undefined : (previous ?? []),
      previousNote:
        this.#previous === undefined
          ? this.#previousNote
          : previous === undefined || previous.length === 0
            ? `${this.#previousNote} holds no session of target ${name}`
            : this.#previousNote,
      destination: this.#destination,
      record: (session) => {
        const list = recorded.get(name) ?? [];
        list.push(session);
        recorded.set(name, list);
      },
    };
  }

  /** The sessions this run recorded, by target name, in the order they were recorded. */
  get recorded(): ReadonlyMap<string, readonly RecordedSession[]> {
    return this.#recorded;
  }

  get destination(): string {
    return this.#destination;
  }
}
