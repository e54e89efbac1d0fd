#!/usr/bin/env python3
"""Throw-away ipmi_sim + packet capture helpers for the vector captures.

Everything binds to 127.0.0.1 on a free high port; nothing leaves loopback.
Only processes started here are stopped here (by their own pid).

Used by run_captures.py; no dependency on the TypeScript code.
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# Fixed BMC GUID so the vectors are easy to read (lan.conf "guid", 16 bytes,
# sent verbatim in RAKP 2 and used verbatim in the RAKP 2 / RAKP 4 HMACs).
SIM_GUID_HEX = "00112233445566778899aabbccddeeff"


def free_udp_port(start=39600, stop=39900):
    """First UDP port on 127.0.0.1 that nothing is bound to.

    ipmi_sim sets SO_REUSEADDR, so a plain bind() without it is the reliable
    test that the port is really free (see ipmi_sim.md)."""
    for p in range(start, stop):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            s.bind(("127.0.0.1", p))
        except OSError:
            continue
        finally:
            s.close()
        return p
    raise RuntimeError("no free UDP port")


def lan_conf(port, kg=None, per_msg_auth=True):
    """Minimal lan.conf: one LAN channel, every v1.5 auth type allowed,
    anonymous user 1 (empty name) and user 2 admin/password."""
    lines = [
        'name "vecsim"',
        "set_working_mc 0x20",
        "startlan 1",
        "  addr 127.0.0.1 %d" % port,
        "  priv_limit admin",
        "  per_msg_auth %s" % ("true" if per_msg_auth else "false"),
        "  allowed_auths_callback none md2 md5 straight",
        "  allowed_auths_user none md2 md5 straight",
        "  allowed_auths_operator none md2 md5 straight",
        "  allowed_auths_admin none md2 md5 straight",
        "  guid %s" % SIM_GUID_HEX,
    ]
    if kg is not None:
        # ASCII form: zero-extended to 20 bytes by ipmi_sim's read_bytes().
        lines.append('  bmc_key "%s"' % kg)
    lines += [
        "endlan",
        'user 2 true "admin" "password" admin 10 none md2 md5 straight',
        'user 3 true "operator" "oppass" operator 10 none md2 md5 straight',
    ]
    return "\n".join(lines) + "\n"


EMU_CMDS = """mc_setbmc 0x20
mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x000157 0x0b4a
mc_enable 0x20
"""


class Sim:
    """One ipmi_sim instance in its own temp dir."""

    def __init__(self, kg=None, per_msg_auth=True):
        self.dir = tempfile.mkdtemp(prefix="ipmivec-", dir="/tmp")
        self.port = free_udp_port()
        with open(os.path.join(self.dir, "lan.conf"), "w") as f:
            f.write(lan_conf(self.port, kg=kg, per_msg_auth=per_msg_auth))
        with open(os.path.join(self.dir, "emu.cmd"), "w") as f:
            f.write(EMU_CMDS)
        os.mkdir(os.path.join(self.dir, "state"))
        self.proc = None

    def start(self):
        self.log = open(os.path.join(self.dir, "sim.out"), "w")
        self.proc = subprocess.Popen(
            ["ipmi_sim", "-c", "lan.conf", "-f", "emu.cmd",
             "-s", os.path.join(self.dir, "state"), "-n"],
            cwd=self.dir, stdin=subprocess.DEVNULL, stdout=self.log,
            stderr=subprocess.STDOUT)
        # wait until the UDP port is taken
        for _ in range(100):
            if self.proc.poll() is not None:
                raise RuntimeError("ipmi_sim exited: " + open(self.log.name).read())
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                s.bind(("127.0.0.1", self.port))
                s.close()
                time.sleep(0.05)
                continue
            except OSError:
                s.close()
                return self
        raise RuntimeError("ipmi_sim did not bind")

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(3)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class Capture:
    """dumpcap on lo, filtered to one UDP port."""

    def __init__(self, port, path):
        self.port = port
        self.path = path

    def start(self):
        if os.path.exists(self.path):
            os.unlink(self.path)
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            ["dumpcap", "-q", "-i", "lo", "-f", "udp port %d" % self.port,
             "-w", self.path],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=self.err)
        # dumpcap creates the file once the capture is running
        for _ in range(100):
            if os.path.exists(self.path) and os.path.getsize(self.path) > 0:
                time.sleep(0.3)
                return self
            time.sleep(0.05)
        raise RuntimeError("dumpcap did not start")

    def stop(self):
        time.sleep(0.3)
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(5)


def udp_packets(pcap, port):
    """[(direction, bytes)] for every UDP datagram in the capture.
    direction is 'rq' (to the BMC port) or 'rs' (from it)."""
    out = subprocess.run(
        ["tshark", "-r", pcap, "-T", "fields", "-e", "frame.number",
         "-e", "udp.srcport", "-e", "udp.dstport", "-e", "udp.payload"],
        check=True, capture_output=True, text=True).stdout
    pkts = []
    for line in out.splitlines():
        num, sp, dp, payload = line.split("\t")
        d = "rq" if int(dp) == port else "rs"
        pkts.append({"frame": int(num), "dir": d,
                     "hex": payload.replace(":", "").lower()})
    return pkts


def run_client(argv, timeout=60, env=None):
    e = dict(os.environ)
    e["LC_ALL"] = "C"
    if env:
        e.update(env)
    p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                       env=e, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr


class FakeBmc:
    """capture/fakebmc.py (python RMCP+ stand-in) on a free loopback port."""

    def __init__(self, kg=None):
        self.port = free_udp_port()
        self.kg = kg
        self.proc = None

    def start(self):
        self.err = tempfile.NamedTemporaryFile("w+", prefix="fakebmc-", dir="/tmp")
        argv = ["python3", os.path.join(HERE, "fakebmc.py"), str(self.port)]
        if self.kg is not None:
            argv.append(self.kg)
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=self.err)
        for _ in range(100):
            if self.proc.poll() is not None:
                raise RuntimeError("fakebmc exited")
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                s.bind(("127.0.0.1", self.port))
                s.close()
                time.sleep(0.05)
            except OSError:
                s.close()
                return self
        raise RuntimeError("fakebmc did not bind")

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(3)
        self.err.seek(0)
        self.log_text = self.err.read()
        self.err.close()
