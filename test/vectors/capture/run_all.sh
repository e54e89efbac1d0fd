#!/bin/sh
# Regenerate every vector file in test/vectors/ from scratch.
# Needs: root (dumpcap on lo), ipmi_sim (openipmi), ipmitool, freeipmi-tools,
# tshark/dumpcap, python3 (+ cryptography, optional), openssl CLI.
# Traffic stays on 127.0.0.1 (free ports from 39600 up).
set -e
here=$(cd "$(dirname "$0")" && pwd)
python3 "$here/run_captures.py"      # -> capture/raw/*
python3 "$here/analyze.py"           # -> lanplus-*.json lan15.json framing.json ipmi_sim-quirks.json
python3 "$here/../make_vectors.py"   # -> lanplus-computed.json md2.json
