/** Where a target comes from, as the config's `provider` field names it. */
export const providerKinds = [
  'url',
  'mock',
  'nginx',
  'openssl',
  'container',
  'apache',
  'haproxy',
  'java',
] as const;
export type ProviderKind = (typeof providerKinds)[number];
