import type { BackendEvidence, BackendHeaderEvidence } from '../../../report/run-results.ts';
import type { BackendDeclaration } from '../../../scenarios/backend/backend-declaration.ts';
import type { BackendExchange } from './backend-exchange.ts';
import { shorten } from './judge-received-identity.ts';
import { readReceivedIdentity, type ReceivedHeader } from './received-identity.ts';

const shownValueLength = 160;

/** The report's account of one exchange: what the client forged, what the backend received. */
export function backendEvidence(exchange: BackendExchange, backend: BackendDeclaration): BackendEvidence {
  const { receipt } = exchange;
  const sent = exchange.forged.map(([name, value]) => ({ name, value: shorten(value, shownValueLength) }));
  const base = {
    requestId: exchange.requestId,
    sent,
    ...(receipt.source === undefined ? {} : { source: receipt.source }),
  };
  if (receipt.kind !== 'received') {
    return { ...base, backend: receipt.kind, note: receipt.why, received: [] };
  }
  const identity = readReceivedIdentity(receipt.headers, backend);
  const received = [...identity.cert, ...identity.chain, ...identity.verify, ...identity.lookalikes].map(
    toEvidence,
  );
  return { ...base, backend: 'received', received, otherHeaderCount: identity.otherCount };
}

function toEvidence(line: ReceivedHeader): BackendHeaderEvidence {
  const shown = { name: line.name, value: shorten(line.value, shownValueLength) };
  if (line.decoded === undefined) return shown;
  return line.decoded.ok
    ? { ...shown, certificates: line.decoded.certificates }
    : { ...shown, problem: line.decoded.problem };
}
