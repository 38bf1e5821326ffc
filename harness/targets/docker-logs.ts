/**
 * The text of `GET /containers/{id}/logs` for a container without a TTY: the Docker API multiplexes
 * stdout and stderr into frames of an 8-byte header (stream, 0, 0, 0, big-endian length) and a payload
 * (https://docs.docker.com/engine/api/v1.41/#tag/Container/operation/ContainerAttach). With a TTY the
 * bytes come raw.
 */
export function demuxDockerLogs(raw: Buffer): string {
  const framed = raw.length >= 8 && raw[0]! <= 2 && raw[1] === 0 && raw[2] === 0 && raw[3] === 0;
  if (!framed) return raw.toString('utf8');
  const parts: Buffer[] = [];
  for (let offset = 0; offset + 8 <= raw.length;) {
    const length = raw.readUInt32BE(offset + 4);
    parts.push(raw.subarray(offset + 8, offset + 8 + length));
    offset += 8 + length;
  }
  return Buffer.concat(parts).toString('utf8');
}
