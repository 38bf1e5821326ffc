import { readAcceptableCaNames } from './acceptable-ca-names.ts';
import { awaitServerVerdict, graceWindowMs } from './await-server-verdict.ts';
import { classifyHttpResponse } from './classify-http-response.ts';
import { exchangeHttp, type HttpExchangeResult } from './http-exchange.ts';
import { interruptedVerdict } from './interrupted-verdict.ts';
import type {
  AcceptableCaNames,
  HttpEvidence,
  Observation,
  SessionEvidence,
  Timings,
  TlsEvidence,
} from './observation.ts';
import type { ProbeOptions } from './probe-options.ts';
import { planProbe, type ProbePlan } from './probe-plan.ts';
import { judgeHostname, judgeServerChain, readServerChain } from './server-chain-check.ts';
import { describeServerKey } from './server-key-description.ts';
import { connectTcp } from './tcp-connect.ts';
import { startTls, type TlsConnection } from './tls-connection.ts';
import { awaitHandshake } from './tls-handshake.ts';
import type { TlsSession } from './tls-session.ts';
import { probeSecrets, redactObservation } from './redact-observation.ts';
import type { Verdict } from './verdict.ts';

// The CertificateRequest read is a side errand: it gets a short budget of its own.
const caNamesTimeoutCapMs = 3000;
const bodyExcerptLength = 300;
const evidenceHeaders = ['content-type', 'www-authenticate', 'server', 'location'];

/**
 * Connects to `options.url` presenting `options.identity` (or nothing), sends one request (or, for
 * `tls://`, waits out the grace window after the handshake) and reports what the server did. Never
 * throws for anything the server does; throws a HarnessError only for options that cannot be used.
 * An aborted `options.signal` ends it at once with an `interrupted` error observation. What it returns
 * holds no secret: the run's (runSecrets) and the credentials of `options.headers` are redacted from
 * the body and every other text, since an endpoint may echo the request.
 */
export async function probeTarget(options: ProbeOptions): Promise<Observation> {
  return redactObservation(await observeUnredacted(options), probeSecrets(options.headers));
}

/**
 * probeTarget without the redaction: for a probe worker (probe-worker.ts), whose thread does not know
 * the run's secrets. The thread that sent the probe redacts what comes back, with every secret's own
 * label; redacting here first would replace a registered secret with a lesser label.
 */
export async function observeUnredacted(options: ProbeOptions): Promise<Observation> {
  const plan = planProbe(options);
  const { signal } = options;
  const started = performance.now();
  const timings: Timings = { totalMs: 0 };
  const sessions: SessionsSeen = { offered: options.resumeSession, issued: [] };
  const run: StagesRun = signal?.aborted
    ? { verdict: interruptedVerdict('tcp'), reachedTls: false }
    : await runStages(plan, timings, signal, sessions, options.onSession !== undefined);
  for (const session of sessions.issued) options.onSession?.(session);
  const acceptableCaNames = await learnCaNames(plan, run, signal);
  if (run.tls && acceptableCaNames.certificateRequested !== undefined) {
    run.tls.clientCertificateRequested = acceptableCaNames.certificateRequested;
  }
  // RFC 8446 §6.2: certificate_required is only sent to a client that was asked for one.
  if (run.tls && run.verdict.alert?.code === 116) run.tls.clientCertificateRequested = true;
  timings.totalMs = elapsed(started);
  return {
    url: options.url,
    ...run.verdict,
    ...(run.http && { http: run.http }),
    ...(run.tls && { tls: run.tls }),
    acceptableCaNames: acceptableCaNames.names,
    ...(options.identity && { clientCertificate: options.identity.certificate }),
    ...(plan.sent && { sent: plan.sent }),
    ...sessionEvidence(sessions, options.onSession !== undefined),
    timings,
  };
}

/** The sessions of one probe: the one offered (with its age then, and whether it was resumed) and those issued. */
interface SessionsSeen {
  offered: TlsSession | undefined;
  offeredAgeMs?: number;
  resumed?: boolean;
  issued: TlsSession[];
}

function sessionEvidence(sessions: SessionsSeen, keptIssued: boolean): { session?: SessionEvidence } {
  const { offered } = sessions;
  if (offered === undefined && !keptIssued) return {};
  return {
    session: {
      ...(offered !== undefined && {
        offered: {
          ...offered.facts,
          ageMs: sessions.offeredAgeMs ?? offered.ageMs(),
          ...(sessions.resumed !== undefined && { resumed: sessions.resumed }),
        },
      }),
      ...(keptIssued && { issued: sessions.issued.map((session) => session.facts) }),
    },
  };
}

interface StagesRun {
  verdict: Verdict;
  http?: HttpEvidence;
  tls?: TlsEvidence;
  /** Whether the probe met a TLS server (a handshake completed, or one was refused by the server). */
  reachedTls: boolean;
}

async function runStages(
  plan: ProbePlan,
  timings: Timings,
  signal: AbortSignal | undefined,
  sessions: SessionsSeen,
  keepIssued: boolean,
): Promise<StagesRun> {
  const { endpoint, timeouts } = plan;
  let mark = performance.now();
  const tcp = await connectTcp(endpoint, timeouts.connectMs, signal);
  timings.connectMs = elapsed(mark);
  if (!tcp.connected) return { verdict: tcp.verdict, reachedTls: false };

  mark = performance.now();
  if (sessions.offered !== undefined) sessions.offeredAgeMs = sessions.offered.ageMs();
  const connection = startTls(tcp.socket, plan.secureContext, plan.servername, {
    offer: sessions.offered,
    keepIssued,
  });
  // Queued behind what the socket already delivered, so whichever stage is waiting ends with it.
  const stopListening = connection.events.pushOnAbort(signal, { type: 'aborted' });
  try {
    const handshake = await awaitHandshake(connection, timeouts.handshakeMs);
    timings.handshakeMs = elapsed(mark);
    if (!handshake.completed) {
      const reachedTls = handshake.verdict.outcome === 'rejected';
      const seen = reachedTls || connection.certificateSeen !== undefined;
      return {
        verdict: handshake.verdict,
        ...(seen && { tls: evidenceBeforeFailure(connection, plan) }),
        reachedTls,
      };
    }
    const tls = evidenceAfterHandshake(connection, plan);
    mark = performance.now();
    if (plan.request === undefined) {
      const verdict = await awaitServerVerdict(
        connection,
        graceWindowMs(timings.handshakeMs, timeouts.responseMs),
      );
      timings.responseMs = elapsed(mark);
      return { verdict, tls, reachedTls: true };
    }
    const exchange = await exchangeHttp(connection, plan.request, {
      timeoutMs: timeouts.responseMs,
      maxBodyBytes: plan.maxBodyBytes,
      expectsBody: plan.expectsBody,
    });
    timings.responseMs = elapsed(mark);
    if (!exchange.answered) return { verdict: exchange.verdict, tls, reachedTls: true };
    return { ...judgeExchange(exchange), tls, reachedTls: true };
  } finally {
    stopListening();
    connection.socket.destroy();
    tcp.socket.destroy();
    if (connection.resumed !== undefined) sessions.resumed = connection.resumed;
    sessions.issued = connection.sessionsIssued;
  }
}

function judgeExchange(exchange: Extract<HttpExchangeResult, { answered: true }>): {
  verdict: Verdict;
  http: HttpEvidence;
} {
  const body = exchange.body.toString('utf8');
  const verdict = classifyHttpResponse({
    status: exchange.head.status,
    statusText: exchange.head.statusText,
    body,
  });
  const headers = Object.fromEntries(
    evidenceHeaders.flatMap((name) => {
      const value = exchange.head.headers[name];
      return value === undefined ? [] : [[name, value]];
    }),
  );
  return {
    verdict: exchange.cutShort ? { ...verdict, reason: `${verdict.reason} (${exchange.cutShort})` } : verdict,
    http: {
      status: exchange.head.status,
      headers,
      bodyExcerpt: body.slice(0, bodyExcerptLength),
      body,
      bodyTruncated: exchange.bodyTruncated || exchange.cutShort !== undefined,
    },
  };
}

function evidenceAfterHandshake(connection: TlsConnection, plan: ProbePlan): TlsEvidence {
  const { socket } = connection;
  // The chain seen when the server's Certificate was processed is the one the handshake completed
  // with; reading it again would double the cost of Node's getPeerCertificate(true) per probe.
  const { chain, leaf } = connection.certificateSeen ?? readServerChain(socket, connection.chainScope);
  const protocol = socket.getProtocol();
  const cipher = socket.getCipher() as { standardName?: string; name: string } | undefined;
  const serverKey = describeServerKey(leaf);
  return {
    ...(protocol && { protocol }),
    ...(cipher && { cipher: cipher.standardName ?? cipher.name }),
    serverChain: chain,
    ...(serverKey === undefined ? {} : { serverKey }),
    ...judgeServerChain(socket, leaf, {
      hostname: plan.expectedServerName,
      trustDeclared: plan.trustDeclared,
    }),
  };
}

// The handshake failed after the server's Certificate was seen: its chain and name can still be
// shown; whether it is trusted cannot (Node reports the verification result only on success).
function evidenceBeforeFailure(connection: TlsConnection, plan: ProbePlan): TlsEvidence {
  const seen = connection.certificateSeen;
  return {
    serverChain: seen?.chain ?? [],
    ...judgeHostname(seen?.leaf, plan.expectedServerName),
  };
}

async function learnCaNames(
  plan: ProbePlan,
  run: StagesRun,
  signal: AbortSignal | undefined,
): Promise<{ names: AcceptableCaNames; certificateRequested?: boolean }> {
  if (!plan.readCaNames) return { names: { obtained: false, why: 'not read (acceptableCaNames: skip)' } };
  if (run.verdict.interrupted || signal?.aborted) {
    return { names: { obtained: false, why: 'not read: the probe was cancelled' } };
  }
  if (!run.reachedTls) {
    return { names: { obtained: false, why: 'not read: the probe did not reach a TLS server' } };
  }
  return readAcceptableCaNames(
    { host: plan.endpoint.host, port: plan.endpoint.port, servername: plan.servername },
    Math.min(plan.timeouts.connectMs + plan.timeouts.handshakeMs, caNamesTimeoutCapMs),
    signal,
  );
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}
