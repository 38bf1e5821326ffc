import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { HarnessError } from '../common/harness-error.ts';
import { TlsSession } from '../probe/tls-session.ts';
import { SessionJournal, type RecordedSession, type SessionOwner } from './session-journal.ts';

/**
 * The file beside results.json that keeps the TLS sessions `resumed-after-trust-change` recorded, so
 * the next run with `--baseline` can offer them again. Each holds a resumption secret (whoever has it
 * can resume the session as the client that made it, until the ticket expires), so the file is 0600,
 * is never part of a report, and should not be published with the reports.
 */
export const sessionJournalFileName = 'tls-sessions.json';

interface SessionFile {
  version: 1;
  warning: string;
  targets: Array<{
    name: string;
    sessions: Array<{
      owner: SessionOwner;
      label: string;
      recordedAt: string;
      answer: string;
      /** Milliseconds since the epoch: the session's age counts from here. */
      receivedAt: number;
      /** `openssl s_client -sess_in` reads it as it is. */
      pem: string;
    }>;
  }>;
}

const warning =
  'TLS sessions with their resumption secrets, recorded by mtls-conformance for resumed-after-trust-change. Anyone holding this file can resume these sessions until their tickets expire: keep it private (0600) and out of published reports.';

/**
 * The journal of a run: the sessions of the file beside `baselineFile` (results.json of the run given
 * to --baseline), if any, to compare with, and this run's to be written into `reportDir`. A file that
 * is there but unusable is one HarnessError line, before anything is probed.
 */
export async function openSessionJournal(options: {
  baselineFile: string | undefined;
  reportDir: string;
}): Promise<SessionJournal> {
  const destination = join(options.reportDir, sessionJournalFileName);
  if (options.baselineFile === undefined) {
    return new SessionJournal({ previous: undefined, previousNote: 'no --baseline was given', destination });
  }
  const file = join(dirname(options.baselineFile), sessionJournalFileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new HarnessError(
        `Cannot read the sessions of the baseline run ${file}: ${(error as Error).message}. Make it readable, or remove it.`,
        { cause: error },
      );
    }
    return new SessionJournal({
      previous: new Map(),
      previousNote: `there is no ${sessionJournalFileName} beside the baseline ${options.baselineFile} (copy it with results.json)`,
      destination,
    });
  }
  return new SessionJournal({ previous: parseSessionFile(text, file), previousNote: file, destination });
}

/**
 * Writes what the run recorded (0600, atomically) and returns the file. When nothing was recorded, a
 * file an earlier run left there is removed, so the sessions beside a results.json are always its run's.
 */
export async function writeSessionJournal(journal: SessionJournal): Promise<string | undefined> {
  if (journal.recorded.size === 0) {
    await rm(journal.destination, { force: true });
    return undefined;
  }
  const content: SessionFile = {
    version: 1,
    warning,
    targets: [...journal.recorded].map(([name, sessions]) => ({
      name,
      sessions: sessions.map((recorded) => ({
        owner: recorded.owner,
        label: recorded.label,
        recordedAt: recorded.recordedAt,
        answer: recorded.answer,
        receivedAt: recorded.session.receivedAt,
        pem: recorded.session.toPem(),
      })),
    })),
  };
  await writeFileAtomic(journal.destination, `${JSON.stringify(content, null, 2)}\n`, 0o600);
  return journal.destination;
}

function parseSessionFile(text: string, file: string): Map<string, RecordedSession[]> {
  const fail = (why: string): never => {
    throw new HarnessError(
      `Cannot read the sessions of the baseline run ${file}: ${why}. It is written by mtls-conformance run next to results.json; delete it to run without it.`,
    );
  };
  let data: Partial<SessionFile>;
  try {
    data = JSON.parse(text) as Partial<SessionFile>;
  } catch {
    return fail('it is not JSON');
  }
  if (data.version !== 1 || !Array.isArray(data.targets)) return fail('it is not a version 1 session file');
  const byTarget = new Map<string, RecordedSession[]>();
  for (const target of data.targets) {
    const sessions: RecordedSession[] = [];
    for (const entry of target.sessions ?? []) {
      let session: TlsSession;
      try {
        const parsed = TlsSession.fromPem(entry.pem);
        session = new TlsSession(parsed.der, entry.receivedAt);
      } catch (error) {
        return fail(`a session of target ${target.name} does not parse (${(error as Error).message})`);
      }
      sessions.push({
        owner: entry.owner,
        label: entry.label,
        recordedAt: entry.recordedAt,
        answer: entry.answer,
        session,
      });
    }
    byTarget.set(target.name, sessions);
  }
  return byTarget;
}
