import type { ConfigFile } from '../config/config-types.ts';

/**
 * What `run` checks when given no config and no target: the Open Banking test plan's two trust
 * configurations (CA1+CA2, and CA1 only) on built-in mock servers, one refusing at the TLS handshake
 * as Node/Java/Go servers do and one answering HTTP 400 after it as nginx does. Every scenario passes
 * against them, so this run is also the demo.
 */
export const defaultRunConfig: ConfigFile = {
  targets: [
    {
      name: 'mock-ca1-ca2-handshake',
      provider: 'mock',
      trusts: ['ca1', 'ca2'],
      serverCa: 'ca1',
      mock: { clientAuth: 'require', refusal: 'handshake' },
    },
    {
      name: 'mock-ca1-only-http',
      provider: 'mock',
      trusts: ['ca1'],
      serverCa: 'ca1',
      mock: { clientAuth: 'require', refusal: 'http' },
    },
  ],
};
