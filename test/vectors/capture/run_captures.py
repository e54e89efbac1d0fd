#!/usr/bin/env python3
"""Re-run every capture used for the known-answer vectors.

For each scenario: start a private BMC on 127.0.0.1:<free port> (OpenIPMI
ipmi_sim, or for the suites ipmi_sim cannot run the python stand-in
fakebmc.py), start dumpcap on lo filtered to that port, run the real client
(ipmitool 1.8.19 or FreeIPMI 1.6.10) with maximum verbosity, stop both, and
store

  raw/<name>.pcapng       the capture
  raw/<name>.client.txt   argv, exit code, stdout and stderr of the client
  raw/<name>.packets.json every UDP payload in order (from tshark)
  raw/<name>.fakebmc.txt  stand-in BMC log (fake scenarios; must have no MISMATCH)

analyze.py turns these into the ../*.json vector files.

Usage: python3 run_captures.py [scenario ...]     (root needed for dumpcap)
"""
import sys as _sys
_sys.dont_write_bytecode = True  # keep test/vectors free of __pycache__
import json
import os
import sys

import simctl

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, "raw")

USER, PASSWORD = "admin", "password"
KG = "my-bmc-kg-key-19chr"   # 19 ASCII bytes: ipmi_sim keeps at most 19 (it forces byte 20 to 0)


def ipmitool_plus(suite, kg=None, extra=()):
    def argv(port):
        a = ["ipmitool", "-vvvvv", "-I", "lanplus", "-H", "127.0.0.1",
             "-p", str(port), "-U", USER, "-P", PASSWORD, "-C", str(suite)]
        if kg is not None:
            a += ["-k", kg]
        return a + list(extra) + ["raw", "0x06", "0x01"]
    return argv


def ipmitool_lan(authtype):
    def argv(port):
        return ["ipmitool", "-vvvvv", "-I", "lan", "-H", "127.0.0.1",
                "-p", str(port), "-U", USER, "-P", PASSWORD, "-A", authtype,
                "raw", "0x06", "0x01"]
    return argv


def freeipmi_plus(suite, kg=None):
    def argv(port):
        a = ["ipmi-raw", "--debug", "-D", "LAN_2_0",
             "-h", "127.0.0.1:%d" % port, "-u", USER, "-p", PASSWORD,
             "-l", "ADMIN", "-I", str(suite), "-W", "opensesspriv",
             "--session-timeout=2000", "--retransmission-timeout=1000"]
        if kg is not None:
            a += ["-k", kg]
        return a + ["00", "06", "01"]
    return argv


def freeipmi_lan(authtype):
    def argv(port):
        return ["ipmi-raw", "--debug", "-D", "LAN",
                "-h", "127.0.0.1:%d" % port, "-u", USER, "-p", PASSWORD,
                "-l", "ADMIN", "-a", authtype, "00", "06", "01"]
    return argv


KG20 = "0123456789abcdefghij"      # full 20-byte K_G for the python stand-in BMC

# name: (bmc, bmc kwargs, argv builder, expected client exit code, note)
#   bmc "sim"  = OpenIPMI ipmi_sim (independent BMC implementation)
#   bmc "fake" = fakebmc.py (python stand-in implementing ../ipmi_ref.py), used
#                only for suites ipmi_sim cannot run; the client's acceptance
#                of its packets is what is being tested there.
SCENARIOS = {
    "lanplus-suite0": ("sim", {}, ipmitool_plus(0), 0, ""),
    "lanplus-suite1": ("sim", {}, ipmitool_plus(1), 0, ""),
    "lanplus-suite2": ("sim", {}, ipmitool_plus(2), 0, ""),
    "lanplus-suite3": ("sim", {}, ipmitool_plus(3), 0, ""),
    "lanplus-suite3-kg": ("sim", {"kg": KG}, ipmitool_plus(3, kg=KG), 0, ""),
    "lanplus-suite6": ("sim", {}, ipmitool_plus(6), 0, ""),
    "freeipmi-suite3": ("sim", {}, freeipmi_plus(3), 0, ""),
    "freeipmi-suite11": ("sim", {}, freeipmi_plus(11), 0, ""),
    # ipmi_sim keys HMAC-MD5-128 with the password and builds K1/K2 from 16-byte
    # constants, so these sessions open but every protected request is
    # dropped (documents the simulator's deviation; no vector file).
    "simreject-ipmitool-suite7": ("sim", {}, ipmitool_plus(7, extra=("-R", "1", "-N", "1")), 1,
                                  "ipmi_sim drops the authenticated request (HMAC-MD5-128 key mismatch)"),
    "simreject-ipmitool-suite8": ("sim", {}, ipmitool_plus(8, extra=("-R", "1", "-N", "1")), 1,
                                  "ipmi_sim drops the authenticated request (key mismatch)"),
    "simreject-freeipmi-suite7": ("sim", {}, freeipmi_plus(7), 1,
                                  "ipmi_sim drops the authenticated request (key mismatch)"),
    "simreject-freeipmi-suite8": ("sim", {}, freeipmi_plus(8), 1,
                                  "ipmi_sim drops the authenticated request (key mismatch)"),
    "simreject-freeipmi-suite12": ("sim", {}, freeipmi_plus(12), 1,
                                   "ipmi_sim drops the authenticated request (K2 mismatch)"),
    # real clients against the python stand-in
    "fake-ipmitool-suite7": ("fake", {}, ipmitool_plus(7), 0, ""),
    "fake-ipmitool-suite8": ("fake", {}, ipmitool_plus(8), 0, ""),
    "fake-ipmitool-suite15": ("fake", {}, ipmitool_plus(15), 0, ""),
    "fake-ipmitool-suite16": ("fake", {}, ipmitool_plus(16), 0, ""),
    "fake-ipmitool-suite17": ("fake", {}, ipmitool_plus(17), 0, ""),
    "fake-ipmitool-suite17-kg": ("fake", {"kg": KG20}, ipmitool_plus(17, kg=KG20), 0, ""),
    "fake-freeipmi-suite7": ("fake", {}, freeipmi_plus(7), 0, ""),
    "fake-freeipmi-suite8": ("fake", {}, freeipmi_plus(8), 0, ""),
    "fake-freeipmi-suite12": ("fake", {}, freeipmi_plus(12), 0, ""),
    "fake-freeipmi-suite15": ("fake", {}, freeipmi_plus(15), 0, ""),
    "fake-freeipmi-suite16": ("fake", {}, freeipmi_plus(16), 0, ""),
    "fake-freeipmi-suite17": ("fake", {}, freeipmi_plus(17), 0, ""),
    "fake-freeipmi-suite17-kg": ("fake", {"kg": KG20}, freeipmi_plus(17, kg=KG20), 0, ""),
    "lan15-none": ("sim", {}, ipmitool_lan("NONE"), 0, ""),
    "lan15-password": ("sim", {}, ipmitool_lan("PASSWORD"), 0, ""),
    "lan15-md5": ("sim", {}, ipmitool_lan("MD5"), 0, ""),
    "freeipmi-lan15-md2": ("sim", {}, freeipmi_lan("MD2"), 0, ""),
    "freeipmi-lan15-md5": ("sim", {}, freeipmi_lan("MD5"), 0, ""),
}


def versions():
    import subprocess
    def first(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
        except Exception as e:  # noqa
            return str(e)
    return {
        "ipmitool": first(["dpkg-query", "-W", "-f=${Version}", "ipmitool"]),
        "freeipmi-tools": first(["dpkg-query", "-W", "-f=${Version}", "freeipmi-tools"]),
        "openipmi": first(["dpkg-query", "-W", "-f=${Version}", "openipmi"]),
        "tshark": first(["tshark", "--version"]),
    }


def run(name):
    bmc, simkw, argv_of, want_rc, note = SCENARIOS[name]
    sim = (simctl.Sim if bmc == "sim" else simctl.FakeBmc)(**simkw).start()
    pcap = os.path.join(RAW, name + ".pcapng")
    cap = simctl.Capture(sim.port, pcap).start()
    try:
        argv = argv_of(sim.port)
        rc, out, err = simctl.run_client(argv, timeout=120)
    finally:
        cap.stop()
        alive = sim.alive()
        sim.stop()
    if bmc == "fake":
        with open(os.path.join(RAW, name + ".fakebmc.txt"), "w") as f:
            f.write(sim.log_text)
        if "MISMATCH" in sim.log_text:
            print("%s: fakebmc reported a MISMATCH" % name)
            rc = -1
    with open(os.path.join(RAW, name + ".client.txt"), "w") as f:
        f.write("# argv: %s\n# exit: %d\n# sim alive afterwards: %s\n"
                % (" ".join(argv), rc, alive))
        f.write("# ---- stdout ----\n" + out + "# ---- stderr ----\n" + err)
    pkts = simctl.udp_packets(pcap, sim.port)
    meta = {
        "scenario": name, "argv": argv, "exit_code": rc,
        "expected_exit_code": want_rc, "note": note,
        "bmc": "127.0.0.1:%d" % sim.port, "bmc_kind": bmc, "sim_alive_after": alive,
        "user": USER, "password": PASSWORD, "kg": simkw.get("kg"),
        "bmc_guid": simctl.SIM_GUID_HEX, "versions": versions(),
        "packets": pkts,
    }
    with open(os.path.join(RAW, name + ".packets.json"), "w") as f:
        json.dump(meta, f, indent=1)
    status = "ok" if rc == want_rc else "UNEXPECTED exit %d" % rc
    print("%-22s %3d packets  %s" % (name, len(pkts), status))
    return rc == want_rc


def main():
    os.makedirs(RAW, exist_ok=True)
    names = sys.argv[1:] or list(SCENARIOS)
    ok = all([run(n) for n in names])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
