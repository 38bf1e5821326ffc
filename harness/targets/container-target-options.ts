/** A file the container needs, copied in before it starts. */
export interface ContainerFile {
  /** Path on this machine. */
  source: string;
  /** Absolute path inside the container. */
  target: string;
}

/** The `container:` block of a target: an image run with host networking, torn down on dispose. */
export interface ContainerTargetOptions {
  /**
   * The image. Default: `MTLSC_CONTAINER_IMAGE` from the environment, else `nginx:1.27-alpine`. It must
   * already be on the engine or be pullable from a registry.
   */
  image?: string;
  /** Extra files to copy in, e.g. your gateway's own config. Default none. */
  files?: readonly ContainerFile[];
  /**
   * The command to run. Default: nginx with the generated config,
   * `nginx -p /etc/nginx/mtls/ -c /etc/nginx/mtls/nginx.conf -g 'daemon off;'`. Give your own to run
   * your gateway image; the generated files are copied to /etc/nginx/mtls/ either way.
   */
  command?: readonly string[];
  /** Wait for this log line (a substring) before checking the port. Default: only the port check. */
  waitFor?: { log: string };
  /**
   * The port on 127.0.0.1 the container listens on (host networking, so no mapping). Default: a free
   * port, written into the generated nginx.conf; required with your own `command`.
   */
  port?: number;
}

/** Where the generated nginx files go inside the container. */
export const CONTAINER_NGINX_DIR = '/etc/nginx/mtls/';

/** The image used when neither the options nor MTLSC_CONTAINER_IMAGE name one: a public nginx build. */
export const DEFAULT_CONTAINER_IMAGE = 'nginx:1.27-alpine';
