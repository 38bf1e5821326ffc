/**
 * How the client suite drives the client under test in each scenario, from a `suite: client` target's
 * `client:` block.
 * - `command`: the harness runs it once per scenario, its placeholders filled in (see
 *   client-command-template.ts), without a shell, and records how it ended.
 * - `wait`: the harness announces each scenario's URL and waits for an external client (a SaaS
 *   integration platform, a partner's test button) to connect; scenarios then run one at a time.
 */
export type ClientUnderTest = ClientCommand | ClientWait;

export interface ClientCommand {
  kind: 'command';
  /** argv template: the program, then its arguments. No shell: `|`, `>` and `$VAR` are passed as they are. */
  argv: readonly string[];
  /** Written to the client's stdin, placeholders filled in, then closed. Default: stdin closed at once. */
  stdin?: string;
  /**
   * Set in the client's environment, on top of the harness's own, so a command needs no `env` wrapper.
   * Text has its placeholders filled (`SSL_CERT_FILE: '{serverCa}'`); `{ fromEnv: NAME }` copies the
   * harness's variable NAME, for a secret: the config names the variable, never the value, and the
   * value is masked in every excerpt. Default: none.
   */
  env?: Readonly<Record<string, ClientEnvValue>>;
  /** The client is killed (its whole process group) after this long. */
  timeoutMs: number;
  /** Working folder of the client. Default: the harness's. A config's command runs in the config's folder. */
  cwd?: string;
}

/** A value of `ClientCommand.env`: text, or the name of the harness's variable that holds a secret. */
export type ClientEnvValue = string | { fromEnv: string };

export interface ClientWait {
  kind: 'wait';
  /** How long each scenario waits for the first connection. */
  timeoutMs: number;
  /** Where the URL of each scenario is announced. Default: stderr, one line. */
  announce?: (line: string) => void;
}

/** One line for reports and the target heading: what plays the client. */
export function describeClientUnderTest(client: ClientUnderTest): string {
  return client.kind === 'command'
    ? `command: ${client.argv.join(' ')}`
    : `wait: an external client, up to ${client.timeoutMs} ms per scenario`;
}
