import { HarnessError } from '../common/harness-error.ts';

/**
 * Asks for a secret at the terminal: writes `prompt` to `output`, reads one line from `input` in raw
 * mode (so the terminal echoes nothing, as ssh and sudo do), and returns it. Backspace edits, Enter
 * ends, Ctrl-C and Ctrl-D abort. Throws a HarnessError when `input` is not a terminal: scripts and CI
 * must use an environment variable or a file instead.
 */
export async function readHiddenLine(
  prompt: string,
  flag: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) {
    throw new HarnessError(
      `${flag}: standard input is not a terminal, so there is no one to ask. In scripts and CI give the passphrase with --password-env or --password-file.`,
    );
  }
  const terminal = input;
  // Echo off before the prompt shows: the terminal echoes what is typed (or pasted) on arrival.
  terminal.setRawMode(true);
  output.write(prompt);
  terminal.setEncoding('utf8');
  terminal.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let line = '';
      const onData = (text: string): void => {
        for (const char of text) {
          if (char === '\r' || char === '\n') return finish(() => resolve(line));
          if (char === '\u0003' || char === '\u0004') {
            return finish(() =>
              reject(new HarnessError(`${flag}: no passphrase given (the prompt was cancelled).`)),
            );
          }
          if (char === '\u007f' || char === '\b') line = [...line].slice(0, -1).join('');
          else if (char >= ' ') line += char;
        }
      };
      const finish = (settle: () => void): void => {
        terminal.off('data', onData);
        settle();
      };
      terminal.on('data', onData);
    });
  } finally {
    terminal.setRawMode(false);
    terminal.pause();
    output.write('\n');
  }
}
