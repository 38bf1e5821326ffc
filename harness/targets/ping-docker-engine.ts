import { request } from 'node:http';

/** Where the Docker client looks when DOCKER_HOST is unset. */
export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';

export type DockerPing = { answered: true; host: string } | { answered: false; host: string; reason: string };

/**
 * Asks the engine at DOCKER_HOST (or the default socket) for `GET /_ping`, the Docker API's liveness
 * check, without testcontainers, so the answer can say why an engine is unreachable: `connect ENOENT
 * /tmp/mtlsc-docker.sock` says more than testcontainers' "no working container runtime strategy".
 */
export function pingDockerEngine(
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 2000,
): Promise<DockerPing> {
  const host = env.DOCKER_HOST || DEFAULT_DOCKER_HOST;
  let target: { socketPath: string } | { host: string; port: number };
  try {
    target = parseDockerHost(host);
  } catch (error) {
    return Promise.resolve({ answered: false, host, reason: (error as Error).message });
  }
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(
        res.statusCode === 200
          ? { answered: true, host }
          : { answered: false, host, reason: `GET /_ping answered HTTP ${res.statusCode}` },
      );
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to GET /_ping within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ answered: false, host, reason: error.message }));
    req.end();
  });
}

function parseDockerHost(host: string): { socketPath: string } | { host: string; port: number } {
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  if (host.startsWith('tcp://')) {
    const url = new URL(`http://${host.slice('tcp://'.length)}`);
    return { host: url.hostname, port: Number(url.port || 2375) };
  }
  throw new Error(`DOCKER_HOST must start with unix:// or tcp://, got "${host}"`);
}
