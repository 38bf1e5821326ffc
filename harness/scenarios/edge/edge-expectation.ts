import type { ExpectationRule, TargetDeclaration } from '../scenario.ts';
import { describeSharedName } from './edge-declaration.ts';

/** The name the target is reached by, as a client sends it in SNI and Host: the URL's host. */
export function protectedNameOf(target: Pick<TargetDeclaration, 'url'>): string {
  try {
    return new URL(target.url).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return target.url;
  }
}

/** `shares its address with public.example.test (no mTLS)`, or that nothing is declared. */
export function describeSharing(target: TargetDeclaration): string {
  const shared = target.sharedWith ?? [];
  return shared.length === 0
    ? 'no other name is declared on its address (sharedWith)'
    : `shares its address with ${shared.map(describeSharedName).join(', ')}`;
}

/** Every edge scenario expects the same: the client gets no further than a full handshake would take it. */
export function refusedAtTheEdge(because: string): ExpectationRule {
  return { expected: 'rejected', because };
}
