#!/usr/bin/env python3
"""Tiny RMCP+ BMC stand-in, used ONLY to capture what real clients (ipmitool,
FreeIPMI) send for cipher suites ipmi_sim cannot run correctly (7, 8, 12 and
the SHA-256 suites 15, 16, 17).

It implements the conventions written down in ../ipmi_ref.py (K1/K2 from
20-byte constants, HMAC integrity keyed by K1, MD5-128 = MD5(pw20|data|pw20)).
A client only completes a session against it if the client agrees with those
conventions; a client packet that fails verification is logged to stderr as
'MISMATCH' and dropped, so the client times out and run_captures.py reports
the scenario as failed.

Usage: fakebmc.py PORT [KG]       (binds 127.0.0.1:PORT only; user admin/password)
"""
import sys as _sys
_sys.dont_write_bytecode = True  # keep test/vectors free of __pycache__
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import ipmi_ref as R  # noqa: E402
from ipmi_ref import u32le, from_u32le  # noqa: E402

USERS = {b"admin": b"password"}
GUID = bytes.fromhex("00112233445566778899aabbccddeeff")
DEVID = bytes.fromhex("0003090802 9f 570100 4a0b 00000000".replace(" ", ""))


def log(*a):
    print(*a, file=sys.stderr, flush=True)


class Session:
    pass


def v15_response(rq_msg, cc, data=b""):
    im = R.parse_message(rq_msg, False)
    h = bytes([im["rq_addr"], ((im["netfn"] | 1) << 2) | im["rq_lun"]])
    body = bytes([im["rs_addr"], (im["rq_seq"] << 2) | im["rs_lun"], im["cmd"], cc]) + bytes(data)
    return h + bytes([R.ipmb_checksum(h)]) + body + bytes([R.ipmb_checksum(body)])


def main():
    port = int(sys.argv[1])
    kg = R.pad_zero(sys.argv[2].encode(), 20) if len(sys.argv) > 2 else None
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", port))
    sessions = {}      # sidc -> Session
    pending = {}       # sidm -> Session (during RAKP)
    next_sid = 0x4F3E2D1C
    log("fakebmc listening on 127.0.0.1:%d kg=%s" % (port, bool(kg)))
    while True:
        pkt, peer = s.recvfrom(2048)
        if pkt[:4] == R.RMCP_ASF and pkt[8] == 0x80:
            pong = R.RMCP_ASF + bytes([0, 0, 0x11, 0xBE, 0x40, pkt[9], 0, 16]) + \
                bytes([0, 0, 0x11, 0xBE, 0, 0, 0, 0, 0x81, 0]) + bytes(6)
            s.sendto(pong, peer)
            continue
        if pkt[:4] != R.RMCP_IPMI:
            continue
        b = pkt[4:]
        if b[0] != 0x06:
            # IPMI v1.5 pre-session message: only Get Channel Auth Caps
            if b[0] != 0:
                continue
            msg = b[10:10 + b[9]]
            im = R.parse_message(msg, False)
            if (im["netfn"], im["cmd"]) == (0x06, 0x38):
                d = R.unhx(im["data_hex"])
                ext = d[0] & 0x80
                caps = bytes([0x01, 0x80 | 0x15 if ext else 0x15,
                              0x04 | (0x20 if kg else 0), 0x03 if ext else 0,
                              0, 0, 0, 0])
                rsp = v15_response(msg, 0, caps)
            else:
                rsp = v15_response(msg, 0xC1)
            s.sendto(R.RMCP_IPMI + bytes(9) + bytes([len(rsp)]) + rsp, peer)
            continue
        pt_byte = b[1]
        pt = pt_byte & 0x3F
        sid = from_u32le(b[2:6])
        plen = struct.unpack("<H", b[10:12])[0]
        payload = b[12:12 + plen]

        def send(ptype, psid, seq, pl):
            s.sendto(R.build_v2_packet(ptype, psid, seq, pl)["packet"], peer)

        if pt == 0x10:
            S = Session()
            S.sidm = from_u32le(payload[4:8])
            S.algs = (payload[12], payload[20], payload[28])
            S.sidc = next_sid
            next_sid += 1
            S.seq = 0
            ok = (S.algs[0] in (1, 2, 3) and S.algs[1] in (0, 1, 2, 3, 4)
                  and S.algs[2] in (0, 1))
            pending[S.sidc] = S
            rs = bytes([payload[0], 0 if ok else 0x11, 4, 0]) + u32le(S.sidm) + \
                u32le(S.sidc) + payload[8:32]
            log("open session sidm=%08x algs=%s -> sidc=%08x" % (S.sidm, S.algs, S.sidc))
            send(0x11, 0, 0, rs)
        elif pt == 0x12:
            S = pending[from_u32le(payload[4:8])]
            S.rm = payload[8:24]
            S.role = payload[24]
            S.uname = payload[28:28 + payload[27]]
            S.pw20 = R.pad_zero(USERS.get(S.uname, b""), 20)
            S.rc = os.urandom(16)
            S.keys = R.rakp_keys(S.algs[0], S.pw20, kg, S.sidm, S.sidc, S.rm,
                                 S.rc, GUID, S.role, S.uname)
            rs = bytes([payload[0], 0, 0, 0]) + u32le(S.sidm) + S.rc + GUID + \
                S.keys["rakp2_auth_code"]
            send(0x13, 0, 0, rs)
        elif pt == 0x14:
            S = pending[from_u32le(payload[4:8])]
            good = payload[8:] == S.keys["rakp3_auth_code"]
            if not good:
                log("MISMATCH RAKP3 auth code")
            rs = bytes([payload[0], 0 if good else 0x0F, 0, 0]) + u32le(S.sidm)
            if good:
                rs += S.keys["rakp4_icv"]
                sessions[S.sidc] = S
            send(0x15, 0, 0, rs)
        elif pt == 0x00 and sid in sessions:
            S = sessions[sid]
            a, integ, conf = S.algs
            if integ:
                if not pt_byte & 0x40:
                    log("MISMATCH: unauthenticated packet in integrity session")
                    continue
                alen = R.INTEG_LEN[integ]
                covered = b[:len(b) - alen]
                _, want = R.integrity_code(integ, S.keys["k1"], S.pw20, covered)
                if want != b[len(b) - alen:]:
                    log("MISMATCH integrity AuthCode")
                    continue
            msg = payload
            if conf:
                if not pt_byte & 0x80:
                    log("MISMATCH: clear packet in confidentiality session")
                    continue
                iv, ct, dec, msg, pad, n, ok = R.decrypt_payload(S.keys["k2"], payload)
                if not ok:
                    log("MISMATCH confidentiality pad (wrong K2?)")
                    continue
            im = R.parse_message(msg, False)
            key = (im["netfn"], im["cmd"])
            close = False
            if key == (0x06, 0x3B):
                rsp = v15_response(msg, 0, bytes([R.unhx(im["data_hex"])[0] & 0x0F or 4]))
            elif key == (0x06, 0x01):
                rsp = v15_response(msg, 0, DEVID)
            elif key == (0x06, 0x3C):
                rsp = v15_response(msg, 0)
                close = True
            else:
                rsp = v15_response(msg, 0xC1)
            S.seq += 1
            pl = rsp
            if conf:
                pl, _ = R.encrypt_payload(S.keys["k2"], os.urandom(16), rsp)
            out = R.build_v2_packet(0x00, S.sidm, S.seq, pl, integ_alg=integ,
                                    k1=S.keys.get("k1"), password20=S.pw20,
                                    encrypted=bool(conf), authenticated=bool(integ))
            s.sendto(out["packet"], peer)
            if close:
                del sessions[sid]
                log("session %08x closed" % sid)


if __name__ == "__main__":
    main()
