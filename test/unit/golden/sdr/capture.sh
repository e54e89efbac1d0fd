#!/bin/sh
# Regenerates the golden files of src/output/sdr-golden.test.ts from the real ipmitool 1.8.19 and
# the project's simulator: the SDR dump, the raw replies of Get Sensor Reading (2Dh), Get Sensor
# Thresholds (27h), Get Sensor Event Enable (29h) and Get Sensor Event Status (2Bh) for every
# sensor, and ipmitool's text for the listings. Usage: capture.sh HOST PORT   (simulator running:
# node scripts/sim.mjs). C locale, UTC, RMCP+ suite 3.
set -eu
cd "$(dirname "$0")"
export LC_ALL=C TZ=UTC
C="-I lanplus -H $1 -p $2 -U admin -P adminpass -C 3"
rm -f sdr.bin
ipmitool $C sdr dump sdr.bin >/dev/null
: > replies.txt
for n in $(ipmitool $C sdr elist | cut -d'|' -f2 | tr -d ' h'); do
  for cmd in 2d 27 29 2b; do
    # A refused command is recorded as "-" (the renderers then print nothing for it, as ipmitool).
    r=$(ipmitool $C raw 0x04 0x$cmd 0x$n 2>/dev/null) || r=-
    printf '%s %s %s\n' "$n" "$cmd" "$(printf '%s' "$r" | tr -d '\n' | sed 's/^ *//')" >> replies.txt
  done
done
while IFS='	' read -r file args; do
  # shellcheck disable=SC2086
  ipmitool $C $args > "$file" 2>/dev/null || true
done <<'CASES'
sdr-list-all.txt	sdr list all
sdr-elist-all.txt	sdr elist all
sdr-c-list-all.txt	-c sdr list all
sdr-c-elist-all.txt	-c sdr elist all
sdr-v-list-all.txt	-v sdr list all
sdr-cv-list-all.txt	-c -v sdr list all
sensor-list.txt	sensor list
sensor-c-list.txt	-c sensor list
sensor-v-list.txt	-v sensor list
CASES
