#!/usr/bin/env bash
# A Docker engine of the project's own, for the container tests (shared/recipes/local-docker-engine.md).
# Source it, then call start_docker_engine / build_local_nginx_image / stop_docker_engine.
#
# --bridge=none and no iptables: containers run with host networking only, so every byte of test
# traffic stays on 127.0.0.1. No registry is reachable, so the nginx image is built from the host's
# own nginx binary and libraries instead of being pulled.

MTLSC_DOCKER_SOCK=${MTLSC_DOCKER_SOCK:-/tmp/mtlsc-docker.sock}
MTLSC_DOCKER_ROOT=${MTLSC_DOCKER_ROOT:-/tmp/mtlsc-docker}
MTLSC_DOCKER_PID=${MTLSC_DOCKER_PID:-/tmp/mtlsc-docker.pid}
MTLSC_NGINX_IMAGE=${MTLSC_NGINX_IMAGE:-mtls-nginx:local}

start_docker_engine() {
  export DOCKER_HOST="unix://${MTLSC_DOCKER_SOCK}"
  export TESTCONTAINERS_RYUK_DISABLED=true
  export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
  export MTLSC_CONTAINER_IMAGE="${MTLSC_NGINX_IMAGE}"
  if docker -H "$DOCKER_HOST" info >/dev/null 2>&1; then
    echo "docker engine: already running on ${DOCKER_HOST}"
    return 0
  fi
  dockerd --host "$DOCKER_HOST" --data-root "$MTLSC_DOCKER_ROOT" --pidfile "$MTLSC_DOCKER_PID" \
    --bridge=none --iptables=false --ip-masq=false >/tmp/mtlsc-dockerd.log 2>&1 &
  for _ in $(seq 1 100); do
    if docker -H "$DOCKER_HOST" info >/dev/null 2>&1; then
      echo "docker engine: started on ${DOCKER_HOST}"
      return 0
    fi
    sleep 0.2
  done
  echo "docker engine: did not start within 20 s; log follows" >&2
  tail -n 20 /tmp/mtlsc-dockerd.log >&2
  return 1
}

stop_docker_engine() {
  if [ -f "$MTLSC_DOCKER_PID" ]; then
    local pid
    pid=$(cat "$MTLSC_DOCKER_PID")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
}

build_local_nginx_image() {
  if docker -H "$DOCKER_HOST" image inspect "$MTLSC_NGINX_IMAGE" >/dev/null 2>&1; then
    return 0
  fi
  local root
  root=$(mktemp -d)
  mkdir -p "$root"/{etc,tmp,run,usr/sbin,var/log/nginx,var/lib/nginx}
  cp /usr/sbin/nginx "$root/usr/sbin/"
  for lib in $(ldd /usr/sbin/nginx | grep -o '/[^ ]*'); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  tar -C "$root" -c . | docker -H "$DOCKER_HOST" import - "$MTLSC_NGINX_IMAGE" >/dev/null
  rm -rf "$root"
  echo "docker image: built ${MTLSC_NGINX_IMAGE} from the host's nginx"
}
