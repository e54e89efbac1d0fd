#!/bin/sh
# Every test of ipmits, from a fresh Debian machine (as root): installs the peers
# (ipmi_sim, ipmitool, FreeIPMI, conserver, QEMU, promtool, ...) and runs `npm test`.
set -eu
cd "$(dirname "$0")/.."
scripts/setup-debian.sh test
npm test
