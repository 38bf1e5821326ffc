import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { Duplex } from 'node:stream';

/**
 * A TLS client built to hang up without a word: it sends a real ClientHello (Node's, pinned to
 * `version`), and when the server's first flight arrives it closes the TCP connection (`close`: a FIN;
 * `reset`: an RST) without reading it, so no alert is ever sent. What a client that gives up on the
 * server's certificate without saying why looks like from the server (Node's https client does the
 * same in TLS 1.3; this one does it in TLS 1.2 too). `after: 'nothing'` closes before sending anything.
 */
export function hangUpClient(
  port: number,
  options: { version: 'TLSv1.2' | 'TLSv1.3'; how: 'close' | 'reset'; after: 'server-flight' | 'nothing' },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const tcp = tcpConnect(port, '127.0.0.1');
    tcp.once('error', reject);
    tcp.once('close', () => resolve());
    if (options.after === 'nothing') {
      tcp.once('connect', () => tcp.end());
      return;
    }
    // The TLS engine writes through this stream and is never given the server's answer.
    const wire = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        tcp.write(chunk, done);
      },
    });
    const tls = tlsConnect({
      socket: wire,
      minVersion: options.version,
      maxVersion: options.version,
      rejectUnauthorized: false,
    });
    tls.on('error', () => {});
    tcp.once('data', () => {
      if (options.how === 'reset') tcp.resetAndDestroy();
      else tcp.end();
      tls.destroy();
    });
  });
}
