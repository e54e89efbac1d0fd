#!/bin/sh
# Installs what ipmits needs on a fresh Debian machine (run as root), idempotently:
#   scripts/setup-debian.sh demo   - Node.js 20+, npm packages, OpenIPMI's ipmi_sim
#   scripts/setup-debian.sh test   - the above plus every peer the test suite runs against,
#                                    and the QEMU guest's kernel for the -I open tests
set -eu
cd "$(dirname "$0")/.."
what=${1:-test}

DEMO_PKGS="openipmi"
TEST_PKGS="openipmi ipmitool freeipmi-tools socat conserver-server conserver-client prometheus prometheus-ipmi-exporter time tmux
 qemu-system-x86 busybox-static cpio xz-utils kmod
 bash-completion zsh fish tzdata"

need=""
for p in $( [ "$what" = demo ] && echo "$DEMO_PKGS" || echo "$TEST_PKGS" ); do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
  echo "setup: apt-get install$need" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # conserver-server starts a daemon on install; the tests run their own on loopback.
  apt-get install -y -qq --no-install-recommends $need >/dev/null
fi

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is needed (found: $(node --version 2>/dev/null || echo none)); trying apt" >&2
  apt-get install -y -qq nodejs npm >/dev/null
  if [ "$(node_major)" -lt 20 ]; then
    echo "setup: this Debian's nodejs is older than 20; install Node.js 20+ (e.g. from nodejs.org) and run again" >&2
    exit 1
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# -I open tests: Debian's kernel (apt-get download linux-image-amd64's package), its IPMI
# modules and the guest's base image, cached under ~/.cache/ipmits/qemu (test/qemu/README.md).
if [ "$what" != demo ]; then
  node test/qemu/guest.mjs prepare
fi
