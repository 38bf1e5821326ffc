#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real (nginx, Apache httpd, HAProxy, a JDK,
# Chromium, Docker…). Idempotent; needs root (CI is root).
set -euo pipefail
# python3 and wget are clients the client suite's tests drive (test/client-python, test/client-wget).
packages=(openssl curl jq nginx-light apache2 haproxy docker.io chromium default-jdk-headless python3 wget)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
# keytool and `java File.java` (single-file launch needs the compiler) may come from any JDK already
# on the machine; only install one when there is none.
if command -v keytool >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; then
  missing=("${missing[@]/default-jdk-headless/}")
fi
wanted=()
for package in "${missing[@]}"; do [ -n "$package" ] && wanted+=("$package"); done
if [ "${#wanted[@]}" -gt 0 ]; then
  echo "installing: ${wanted[*]}"
  # nginx, apache2 and haproxy each start a system service on install (nginx and apache2 both want
  # port 80), which the tests never use: they start their own from generated configs.
  # Debian's policy-rc.d convention (exit 101: "action forbidden") keeps the services down, as Docker
  # images already do. Only added, and removed again, where the machine has none.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
fi
