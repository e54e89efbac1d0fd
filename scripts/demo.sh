#!/bin/sh
# One command from a fresh Debian machine (as root) to ipmits talking to the bundled simulated BMC:
# installs what is missing, builds the single executable dist/ipmits, starts OpenIPMI's ipmi_sim on a
# free loopback port with the project's configuration (test/sim), runs a few commands, stops the simulator.
set -eu
cd "$(dirname "$0")/.."
scripts/setup-debian.sh demo
npm run --silent build >/dev/null

log=$(mktemp)
node scripts/sim.mjs >"$log" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null; wait $sim 2>/dev/null; rm -f "$log"' EXIT INT TERM
for _ in $(seq 50); do [ -s "$log" ] && break; sleep 0.1; done
set -- $(head -n 1 "$log")
host=$1 port=$2
bmc="-I lanplus -H $host -p $port -U admin -P adminpass"

run() { printf '\n$ ipmits %s\n' "$*"; dist/ipmits $bmc "$@"; }
echo "Simulated BMC (ipmi_sim) on $host:$port; ipmits is dist/ipmits ($(du -h dist/ipmits | cut -f1), no Node needed)"
run power status
run chassis status
run mc info
run --json power status
run --json chassis status
run --json mc info
run sdr elist
run sensor check || echo "(sensor check: exit $? - the simulator has sensors past a threshold on purpose)"
run sel elist last 5
run fru print 0
run --json sensor get 'FAN4'
