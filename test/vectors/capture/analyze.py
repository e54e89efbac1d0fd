#!/usr/bin/env python3
"""Turn the raw captures (raw/*.packets.json, written by run_captures.py)
into the annotated vector files in test/vectors/.

Every value is recomputed here from the captured bytes plus the known
secrets (user name, password, Kg) with python's hashlib/hmac and AES from
`cryptography` -- and, for AES, a second time through the openssl CLI --
and asserted equal to what the real client / ipmi_sim put on the wire.
Key material printed by `ipmitool -vvvvv` (SIK, K1, K2) and the IV/plaintext
printed by FreeIPMI `--debug` are compared as a further cross-check.

Usage: python3 analyze.py           (writes ../lanplus-*.json, ../lan15.json,
                                     ../framing.json)
"""
import sys as _sys
_sys.dont_write_bytecode = True  # keep test/vectors free of __pycache__
import glob
import json
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
sys.path.insert(0, OUT)
import ipmi_ref as R  # noqa: E402
from ipmi_ref import hx, u32le, from_u32le  # noqa: E402

RAW = os.path.join(HERE, "raw")

SPEC = "IPMI v2.0 rev 1.1 (2013 errata)"


class CheckFailed(Exception):
    pass


def check(cond, what):
    if not cond:
        raise CheckFailed(what)
    return True


# ------------------------------------------------------------------ client log parsing

def log_blocks(text):
    """ipmitool -vvvvv printbuf() blocks: 'title (N bytes)\\n hex lines'."""
    out = {}
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^(.*\S) \((\d+) bytes\)$", line)
        if not m:
            continue
        n = int(m.group(2))
        hexs = ""
        j = i + 1
        while j < len(lines) and re.match(r"^( [0-9a-f]{2})+$", lines[j]):
            hexs += lines[j].replace(" ", "")
            j += 1
        if len(hexs) == 2 * n:
            out.setdefault(m.group(1), []).append(hexs)
    return out


def freeipmi_crypt_dumps(text):
    """FreeIPMI --debug: (IV, payload_data) of every encrypted packet dump."""
    res = []
    lines = [l.split(": ", 1)[1] if ": " in l else l for l in text.splitlines()]
    i = 0
    while i < len(lines):
        if "= confidentiality_header[16B]" in lines[i]:
            iv = "".join(re.findall(r"([0-9A-F]{2})h", lines[i + 1] + lines[i + 2]))
            j = i + 3
            m = re.search(r"= payload_data\[\s*(\d+)B\]", lines[j])
            n = int(m.group(1))
            data = ""
            k = j + 1
            while len(data) < 2 * n:
                data += "".join(re.findall(r"([0-9A-F]{2})h", lines[k]))
                k += 1
            res.append((iv.lower(), data.lower()))
            i = k
        else:
            i += 1
    return res


# ------------------------------------------------------------------ packet decoding

def split_rmcp(pkt):
    return pkt[:4], pkt[4:]


def decode_asf(pkt):
    rmcp, b = split_rmcp(pkt)
    d = {"rmcp_hex": hx(rmcp), "rmcp_class": rmcp[3],
         "iana_hex": hx(b[0:4]), "message_type_hex": "%02x" % b[4],
         "message_tag": b[5], "data_length": b[7], "data_hex": hx(b[8:8 + b[7]])}
    if b[4] == 0x80:
        d["name"] = "RMCP/ASF Presence Ping"
    elif b[4] == 0x40:
        dd = b[8:]
        d["name"] = "RMCP/ASF Presence Pong"
        d["pong"] = {"iana_hex": hx(dd[0:4]), "oem_hex": hx(dd[4:8]),
                     "supported_entities_hex": "%02x" % dd[8],
                     "_supported_entities": "bit 7 = IPMI supported, bits 3:0 = 1 (ASF 1.0)",
                     "supported_interactions_hex": "%02x" % dd[9],
                     "reserved_hex": hx(dd[10:16])}
    return d


def decode_v15(pkt, direction):
    """IPMI v1.5 session wrapper (§13.6 Table 13-8)."""
    rmcp, b = split_rmcp(pkt)
    at = b[0]
    seq = from_u32le(b[1:5])
    sid = from_u32le(b[5:9])
    off = 9
    code = None
    if at != 0:
        code = b[off:off + 16]
        off += 16
    mlen = b[off]
    msg = b[off + 1:off + 1 + mlen]
    trailing = b[off + 1 + mlen:]
    d = {
        "rmcp_hex": hx(rmcp),
        "auth_type": at, "auth_type_name": R.AUTHTYPE_NAMES.get(at),
        "session_seq": seq, "session_seq_hex": hx(b[1:5]),
        "session_id": "0x%08x" % sid, "session_id_hex": hx(b[5:9]),
        "auth_code_hex": hx(code),
        "message_length": mlen,
        "message_hex": hx(msg),
        "legacy_pad_hex": hx(trailing) if trailing else None,
        "ipmi_message": R.parse_message(msg, direction == "rs"),
    }
    check(d["ipmi_message"]["checksum1_ok"] and d["ipmi_message"]["checksum2_ok"],
          "v1.5 message checksum")
    return d, at, seq, sid, code, msg


DIRNAME = {"rq": "console->bmc", "rs": "bmc->console"}


class V2Session:
    """State needed to decode/verify one RMCP+ session."""

    def __init__(self, user, password, kg):
        self.user = user.encode()
        self.kuid = R.pad_zero(password.encode(), 20)
        self.pw20 = self.kuid
        self.kg = R.pad_zero(kg.encode(), 20) if kg else None
        self.v = {}
        self.keys = None
        self.algs = None
        self.notes = []


def decode_v2(pkt, direction, S, meta):
    rmcp, b = split_rmcp(pkt)
    pt_byte = b[1]
    pt = pt_byte & 0x3F
    enc = bool(pt_byte & 0x80)
    auth = bool(pt_byte & 0x40)
    sid = from_u32le(b[2:6])
    seq = from_u32le(b[6:10])
    plen = struct.unpack("<H", b[10:12])[0]
    payload = b[12:12 + plen]
    trailer = b[12 + plen:]
    f = {
        "rmcp_hex": hx(rmcp),
        "auth_type_hex": "%02x" % b[0],
        "payload_type_hex": "%02x" % pt_byte,
        "payload_type": pt, "payload_type_name": R.PAYLOAD_TYPES.get(pt),
        "encrypted": enc, "authenticated": auth,
        "session_id": "0x%08x" % sid, "session_id_hex": hx(b[2:6]),
        "session_seq": seq, "session_seq_hex": hx(b[6:10]),
        "payload_length": plen, "payload_length_hex": hx(b[10:12]),
        "payload_hex": hx(payload),
    }
    name = R.PAYLOAD_TYPES.get(pt, "payload 0x%02x" % pt)
    spec = ""
    v = S.v
    if pt == 0x10:
        spec = "§13.17 RMCP+ Open Session Request"
        f["open_session_request"] = {
            "message_tag": payload[0],
            "requested_max_privilege": payload[1],
            "_requested_max_privilege": "0 = 'highest level matching proposed algorithms' (ipmitool sends 0 for ADMINISTRATOR)",
            "reserved_hex": hx(payload[2:4]),
            "console_session_id": "0x%08x" % from_u32le(payload[4:8]),
            "console_session_id_hex": hx(payload[4:8]),
            "auth_payload_hex": hx(payload[8:16]),
            "integrity_payload_hex": hx(payload[16:24]),
            "confidentiality_payload_hex": hx(payload[24:32]),
            "_algorithm_payload": "type(0 auth,1 integ,2 conf) | 00 00 | length 08 | algorithm | 00 00 00",
        }
        v["sidm"] = from_u32le(payload[4:8])
        v["requested_max_priv"] = payload[1]
        v["algs_requested"] = (payload[12], payload[20], payload[28])
    elif pt == 0x11:
        spec = "§13.18 RMCP+ Open Session Response"
        f["open_session_response"] = {
            "message_tag": payload[0], "status_code": payload[1],
            "max_privilege": payload[2], "reserved_hex": hx(payload[3:4]),
            "console_session_id_hex": hx(payload[4:8]),
            "bmc_session_id": "0x%08x" % from_u32le(payload[8:12]),
            "bmc_session_id_hex": hx(payload[8:12]),
            "auth_payload_hex": hx(payload[12:20]),
            "integrity_payload_hex": hx(payload[20:28]),
            "confidentiality_payload_hex": hx(payload[28:36]),
        }
        v["sidc"] = from_u32le(payload[8:12])
        v["open_max_priv"] = payload[2]
        S.algs = (payload[16], payload[24], payload[32])
    elif pt == 0x12:
        spec = "§13.20 RAKP Message 1"
        ulen = payload[27]
        f["rakp1"] = {
            "message_tag": payload[0], "reserved_hex": hx(payload[1:4]),
            "bmc_session_id_hex": hx(payload[4:8]),
            "rm_hex": hx(payload[8:24]),
            "role_hex": "%02x" % payload[24],
            "_role": "bits 3:0 requested max privilege, bit 4 1 = name-only lookup",
            "reserved2_hex": hx(payload[25:27]),
            "username_length": ulen,
            "username_hex": hx(payload[28:28 + ulen]),
        }
        v["rm"] = payload[8:24]
        v["role"] = payload[24]
        v["uname"] = payload[28:28 + ulen]
        check(v["uname"] == S.user, "user name in RAKP1")
    elif pt == 0x13:
        spec = "§13.21 RAKP Message 2"
        f["rakp2"] = {
            "message_tag": payload[0], "status_code": payload[1],
            "reserved_hex": hx(payload[2:4]),
            "console_session_id_hex": hx(payload[4:8]),
            "rc_hex": hx(payload[8:24]), "guidc_hex": hx(payload[24:40]),
            "key_exchange_auth_code_hex": hx(payload[40:]),
        }
        v["rc"] = payload[8:24]
        v["guid"] = payload[24:40]
        v["rakp2_code_wire"] = payload[40:]
        # all inputs known now
        S.keys = R.rakp_keys(S.algs[0], S.kuid, S.kg, v["sidm"], v["sidc"],
                             v["rm"], v["rc"], v["guid"], v["role"], v["uname"])
        if S.algs[0]:
            check(S.keys["rakp2_auth_code"] == v["rakp2_code_wire"],
                  "RAKP2 key exchange auth code")
        else:
            check(v["rakp2_code_wire"] == b"", "RAKP-none: RAKP2 has no auth code")
    elif pt == 0x14:
        spec = "§13.22 RAKP Message 3"
        f["rakp3"] = {
            "message_tag": payload[0], "status_code": payload[1],
            "reserved_hex": hx(payload[2:4]),
            "bmc_session_id_hex": hx(payload[4:8]),
            "key_exchange_auth_code_hex": hx(payload[8:]),
        }
        if S.algs[0]:
            check(S.keys["rakp3_auth_code"] == payload[8:], "RAKP3 auth code")
        else:
            check(payload[8:] == b"", "RAKP-none: RAKP3 has no auth code")
    elif pt == 0x15:
        spec = "§13.23 RAKP Message 4"
        f["rakp4"] = {
            "message_tag": payload[0], "status_code": payload[1],
            "reserved_hex": hx(payload[2:4]),
            "console_session_id_hex": hx(payload[4:8]),
            "integrity_check_value_hex": hx(payload[8:]),
        }
        if S.algs[0]:
            check(S.keys["rakp4_icv"] == payload[8:], "RAKP4 ICV")
        else:
            check(payload[8:] == b"", "RAKP-none: RAKP4 has no ICV")
    elif pt == 0x00:
        spec = "§13.6 Table 13-8 IPMI v2.0/RMCP+ session wrapper; §13.8 IPMI LAN message"
        a, integ, conf = S.algs
        msg = payload
        if enc:
            check(conf == 1, "encrypted packet needs AES-CBC-128")
            iv, ct, dec, plain, pad, padn, ok = R.decrypt_payload(S.keys["k2"], payload)
            check(ok, "confidentiality pad 01 02 .. N, N")
            dec2 = R.aes_cbc_openssl(S.keys["k2"][:16], iv, ct, decrypt=True)
            if dec2 is not None:
                check(dec2 == dec, "openssl CLI decrypt agrees")
            f["confidentiality"] = {
                "_spec": "§13.29 AES-CBC-128: payload = IV(16) | AES-CBC(K2[0:16], IV, plaintext | pad 01 02 .. N | N)",
                "aes_key_hex": hx(S.keys["k2"][:16]),
                "iv_hex": hx(iv), "ciphertext_hex": hx(ct),
                "decrypted_hex": hx(dec), "plaintext_hex": hx(plain),
                "conf_pad_hex": hx(pad), "conf_pad_length": padn,
            }
            msg = plain
        f["ipmi_message"] = R.parse_message(msg, direction == "rs")
        check(f["ipmi_message"]["checksum1_ok"] and f["ipmi_message"]["checksum2_ok"],
              "IPMI message checksums")
        name = f["ipmi_message"]["command_name"] + (" response" if direction == "rs" else " request")
    else:
        name = "payload type 0x%02x" % pt

    if auth:
        integ = S.algs[1]
        alen = R.INTEG_LEN[integ]
        code = trailer[-alen:]
        before = trailer[:-alen]
        npad = before[-2]
        covered = b[:12 + plen] + before
        full, trunc = R.integrity_code(integ, S.keys["k1"], S.pw20, covered)
        f["integrity"] = {
            "_spec": "§13.28.4 / Table 13-8: AuthCode = %s over AuthType .. Next Header" % R.INTEG_ALGS[integ],
            "integrity_pad_hex": hx(before[:-2]), "pad_length": npad,
            "next_header_hex": "%02x" % before[-1],
            "auth_code_hex": hx(code),
            "auth_code_input_hex": hx(covered),
            "auth_code_full_hex": hx(full),
        }
        check(before[:-2] == b"\xff" * npad, "integrity pad FF..")
        check(len(covered) % 4 == 0, "integrity-covered range is a multiple of 4")
        check(before[-1] == 0x07, "next header 07")
        ok = trunc == code
        f["integrity"]["verified"] = ok
        if not ok:
            raise CheckFailed("integrity AuthCode")
    else:
        check(trailer == b"", "no trailer on unauthenticated packet")
    return name, spec, f


# ------------------------------------------------------------------ per-file builders

def lanplus_file(meta, out_name, title, extra_notes=(), write=True):
    pk = meta["packets"]
    S = V2Session(meta["user"], meta["password"], meta["kg"])
    packets = []
    first_auth = None
    for i, p in enumerate(pk):
        raw = R.unhx(p["hex"])
        if raw[3] == 0x06:
            f = decode_asf(raw)
            name, spec = f["name"], "§13.2 RMCP/ASF"
        elif raw[4] == 0x06:
            name, spec, f = decode_v2(raw, p["dir"], S, meta)
        else:
            f = decode_v15(raw, p["dir"])[0]
            name = f["ipmi_message"]["command_name"] + (" response" if p["dir"] == "rs" else " request")
            spec = "§13.6 Table 13-8 IPMI v1.5 session wrapper (pre-session, auth type NONE); §22.13 Get Channel Authentication Capabilities"
        entry = {"index": i, "dir": DIRNAME[p["dir"]], "name": name,
                 "_spec": spec, "hex": p["hex"], "fields": f}
        if (first_auth is None and p["dir"] == "rq" and raw[4] == 0x06
                and raw[5] & 0x3F == 0 and from_u32le(raw[6:10]) != 0):
            first_auth = i
        packets.append(entry)
    if first_auth is not None:
        packets[first_auth]["first_session_request"] = True
        if first_auth + 1 < len(packets) and packets[first_auth + 1]["dir"] == "bmc->console":
            packets[first_auth + 1]["first_session_response"] = True

    v, k = S.v, S.keys
    suite = [s for s, t in R.CIPHER_SUITES.items() if t == S.algs][0]
    derived = {
        "_spec": "§13.31 (RAKP-HMAC-*), §13.32 (K1/K2); all HMACs keyed as noted",
        "rakp2_hmac_input_hex": hx(k["rakp2_hmac_input"]),
        "_rakp2_hmac_input": "SIDm(LE) | SIDc(LE) | Rm | Rc | GUIDc | ROLEm | ULENm | UNAMEm  (§13.31 RAKP Message 2)",
        "rakp3_hmac_input_hex": hx(k["rakp3_hmac_input"]),
        "_rakp3_hmac_input": "Rc | SIDm(LE) | ROLEm | ULENm | UNAMEm  (§13.31 RAKP Message 3)",
        "sik_input_hex": hx(k["sik_input"]),
        "_sik_input": "Rm | Rc | ROLEm | ULENm | UNAMEm, keyed by Kg (or Kuid when Kg is all zero)  (§13.31)",
        "rakp4_hmac_input_hex": hx(k["rakp4_hmac_input"]),
        "_rakp4_hmac_input": "Rm | SIDc(LE) | GUIDc, keyed by SIK  (§13.31 RAKP Message 4)",
    }
    if S.algs[0]:
        derived.update({
            "rakp2_auth_code_hex": hx(k["rakp2_auth_code"]),
            "rakp3_auth_code_hex": hx(k["rakp3_auth_code"]),
            "sik_keyed_by": "K_G" if S.kg else "K_UID",
            "sik_hex": hx(k["sik"]),
            "k1_hex": hx(k["k1"]),
            "_k1": "HMAC_SIK(0x01 x 20)  (§13.32)",
            "k2_hex": hx(k["k2"]),
            "_k2": "HMAC_SIK(0x02 x 20)  (§13.32); AES-CBC-128 key = K2[0:16]",
            "aes_key_hex": hx(k["k2"][:16]),
            "rakp4_icv_full_hex": hx(k["rakp4_icv_full"]),
            "rakp4_icv_hex": hx(k["rakp4_icv"]),
            "_rakp4_icv": "HMAC_SIK(Rm|SIDc|GUIDc) truncated to %d bytes" % R.RAKP4_ICV_LEN[S.algs[0]],
        })
    else:
        derived["_none"] = "RAKP-none: no auth codes, no SIK/K1/K2, RAKP2/3/4 carry no HMAC"

    cross = {}
    txt = open(os.path.join(RAW, meta["scenario"] + ".client.txt")).read()
    if meta["argv"][0] == "ipmitool" and S.algs[0]:
        blk = log_blocks(txt)
        for label, key in (("Generated session integrity key", "sik"),
                           ("Generated K1", "k1"), ("Generated K2", "k2")):
            got = blk.get(label, [None])[0]
            cross["ipmitool_log_" + key + "_hex"] = got
            check(got == hx(k[key]), "ipmitool -vvvvv %s" % label)
        cross["_"] = "values printed by ipmitool -vvvvv, equal to the python-computed ones"
    if meta["argv"][0] == "ipmi-raw" and S.algs[2] == 1:
        dumps = freeipmi_crypt_dumps(txt)
        encs = [p for p in packets if p["fields"].get("encrypted")]
        n = 0
        check(len(encs) == len(dumps), "one FreeIPMI dump per encrypted packet")
        for p, (iv, data) in zip(encs, dumps):
            c = p["fields"]["confidentiality"]
            check(c["iv_hex"] == iv and c["plaintext_hex"] == data,
                  "FreeIPMI --debug IV/plaintext")
            n += 1
        cross["freeipmi_debug_iv_and_plaintext_match"] = n
    doc = {
        "_spec": SPEC + " §13 (RMCP+ session establishment, packet format), §22.13 Get Channel Authentication Capabilities",
        "title": title,
        "provenance": {
            "kind": "captured",
            "client": meta["argv"][0] + (" " + meta["versions"]["ipmitool"] if meta["argv"][0] == "ipmitool" else " (FreeIPMI " + meta["versions"]["freeipmi-tools"] + ")"),
            "bmc": ("ipmi_sim (OpenIPMI %s) on %s" % (meta["versions"]["openipmi"], meta["bmc"])
                    if meta["bmc_kind"] == "sim" else
                    "capture/fakebmc.py (python stand-in implementing ipmi_ref.py) on %s" % meta["bmc"]),
            "argv": meta["argv"],
            "client_exit_code": meta["exit_code"],
            "pcap": "capture/raw/%s.pcapng" % meta["scenario"],
            "client_output": "capture/raw/%s.client.txt" % meta["scenario"],
            "how": "python3 capture/run_captures.py %s && python3 capture/analyze.py" % meta["scenario"],
        },
        "notes": list(extra_notes) + ([meta["note"]] if meta["note"] else []),
        "cipher_suite": {
            "id": suite,
            "auth_alg": S.algs[0], "auth_alg_name": R.AUTH_ALGS[S.algs[0]],
            "integrity_alg": S.algs[1], "integrity_alg_name": R.INTEG_ALGS[S.algs[1]],
            "confidentiality_alg": S.algs[2], "confidentiality_alg_name": R.CONF_ALGS[S.algs[2]],
            "_spec": "§22.15.2 cipher suite IDs; §13.28 algorithm numbers",
        },
        "inputs": {
            "username": meta["user"], "username_hex": hx(S.user),
            "password": meta["password"],
            "kuid_hex": hx(S.kuid),
            "_kuid": "user password zero-padded to 20 bytes (§13.31 K_UID); zero padding does not change an HMAC whose key is <= the block size",
            "kg": meta["kg"],
            "kg_hex": hx(S.kg) if S.kg else None,
            "_kg": "BMC key K_G, 20 bytes; null/all-zero -> SIK is keyed by K_UID (§13.31)",
            "requested_max_privilege_open_session": v["requested_max_priv"],
            "role": v["role"], "role_hex": "%02x" % v["role"],
            "_role": "RAKP1 ROLEm byte as sent (and as hashed): privilege %d (%s) | 0x10 name-only lookup" % (v["role"] & 0xF, R.PRIV_NAMES.get(v["role"] & 0xF)),
        },
        "session": {
            "sidm": "0x%08x" % v["sidm"], "sidm_hex": hx(u32le(v["sidm"])),
            "_sidm": "remote console session ID (chosen by the client); _hex = wire order (little-endian)",
            "sidc": "0x%08x" % v["sidc"], "sidc_hex": hx(u32le(v["sidc"])),
            "_sidc": "managed system (BMC) session ID from the Open Session Response",
            "rm_hex": hx(v["rm"]), "_rm": "remote console random number (RAKP 1)",
            "rc_hex": hx(v["rc"]), "_rc": "managed system random number (RAKP 2)",
            "guidc_hex": hx(v["guid"]), "_guidc": "managed system GUID (RAKP 2), bytes as sent",
            "open_session_response_max_privilege": v["open_max_priv"],
        },
        "derived": derived,
        "cross_checks": cross,
        "packets": packets,
    }
    seqs = [p["fields"]["session_seq"] for p in packets
            if p["dir"] == "console->bmc" and p["fields"].get("payload_type", -1) == 0]
    rseqs = [p["fields"]["session_seq"] for p in packets
             if p["dir"] == "bmc->console" and p["fields"].get("payload_type", -1) == 0]
    doc["session"]["console_session_seqs"] = seqs
    doc["session"]["bmc_session_seqs"] = rseqs
    doc["session"]["_seqs"] = "session sequence numbers of the in-session IPMI payloads, in capture order"
    if write:
        with open(os.path.join(OUT, out_name), "w") as fh:
            json.dump(doc, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
    return doc


# ------------------------------------------------------------------ v1.5

def lan15_session(meta):
    pw16 = R.pad_zero(meta["password"].encode(), 16)
    packets = []
    st = {}
    for i, p in enumerate(meta["packets"]):
        raw = R.unhx(p["hex"])
        if raw[3] == 0x06:
            f = decode_asf(raw)
            packets.append({"index": i, "dir": DIRNAME[p["dir"]], "name": f["name"],
                            "_spec": "§13.2 RMCP/ASF Presence Ping/Pong",
                            "hex": p["hex"], "fields": f})
            continue
        f, at, seq, sid, code, msg = decode_v15(raw, p["dir"])
        im = f["ipmi_message"]
        name = im["command_name"] + (" response" if p["dir"] == "rs" else " request")
        data = R.unhx(im["data_hex"])
        cmd = im["cmd"]
        if cmd == 0x39 and p["dir"] == "rq":
            f["get_session_challenge_request"] = {"auth_type": data[0], "username_hex": hx(data[1:17])}
        if cmd == 0x39 and p["dir"] == "rs":
            st["temp_session_id"] = from_u32le(data[0:4])
            st["challenge"] = data[4:20]
            f["get_session_challenge_response"] = {
                "temporary_session_id": "0x%08x" % st["temp_session_id"],
                "temporary_session_id_hex": hx(data[0:4]),
                "challenge_hex": hx(data[4:20])}
        if cmd == 0x3A and p["dir"] == "rq":
            st["activate_auth_type"] = data[0]
            st["initial_outbound_seq"] = from_u32le(data[18:22])
            f["activate_session_request"] = {
                "auth_type": data[0], "max_privilege": data[1],
                "challenge_hex": hx(data[2:18]),
                "initial_outbound_seq": "0x%08x" % st["initial_outbound_seq"],
                "initial_outbound_seq_hex": hx(data[18:22]),
                "_initial_outbound_seq": "sequence number the BMC must start with for packets it sends (§22.17)"}
            check(data[2:18] == st["challenge"], "activate echoes the challenge")
        if cmd == 0x3A and p["dir"] == "rs":
            st["session_id"] = from_u32le(data[1:5])
            st["initial_inbound_seq"] = from_u32le(data[5:9])
            f["activate_session_response"] = {
                "auth_type": data[0], "session_id": "0x%08x" % st["session_id"],
                "session_id_hex": hx(data[1:5]),
                "initial_inbound_seq": "0x%08x" % st["initial_inbound_seq"],
                "initial_inbound_seq_hex": hx(data[5:9]),
                "_initial_inbound_seq": "sequence number the console must use on its next packet (§22.17)",
                "max_privilege": data[9]}
        if at != 0:
            exp = R.v15_authcode(at, pw16, sid, msg, seq)
            f["auth_code_computed_hex"] = hx(exp)
            if at in (1, 2):
                f["auth_code_input_hex"] = hx(pw16 + u32le(sid) + msg + u32le(seq) + pw16)
                f["_auth_code"] = "%s(password16 | session_id LE | IPMI message | session_seq LE | password16)  (§22.17.1)" % R.AUTHTYPE_NAMES[at]
            f["auth_code_verified"] = check(exp == code, "v1.5 AuthCode %s pkt %d" % (R.AUTHTYPE_NAMES[at], i))
        packets.append({"index": i, "dir": DIRNAME[p["dir"]], "name": name,
                        "_spec": "§13.6 Table 13-8 IPMI v1.5 session wrapper; §22.13-§22.19 session commands",
                        "hex": p["hex"], "fields": f})
    return {
        "name": meta["scenario"],
        "provenance": {
            "kind": "captured",
            "client": meta["argv"][0] + (" " + meta["versions"]["ipmitool"] if meta["argv"][0] == "ipmitool" else " (FreeIPMI " + meta["versions"]["freeipmi-tools"] + ")"),
            "bmc": "ipmi_sim (OpenIPMI %s) on %s" % (meta["versions"]["openipmi"], meta["bmc"]),
            "argv": meta["argv"], "client_exit_code": meta["exit_code"],
            "pcap": "capture/raw/%s.pcapng" % meta["scenario"],
            "client_output": "capture/raw/%s.client.txt" % meta["scenario"],
        },
        "auth_type": st.get("activate_auth_type"),
        "auth_type_name": R.AUTHTYPE_NAMES.get(st.get("activate_auth_type")),
        "inputs": {"username": meta["user"], "password": meta["password"],
                   "password16_hex": hx(pw16),
                   "_password16": "password zero-padded to 16 bytes (v1.5 AuthCode key)"},
        "session": {
            "temporary_session_id": "0x%08x" % st["temp_session_id"],
            "challenge_hex": hx(st["challenge"]),
            "session_id": "0x%08x" % st["session_id"],
            "initial_outbound_seq": "0x%08x" % st["initial_outbound_seq"],
            "initial_inbound_seq": "0x%08x" % st["initial_inbound_seq"],
            "console_seqs": ["0x%08x" % p["fields"]["session_seq"] for p in packets
                             if p["dir"] == "console->bmc" and "session_seq" in p["fields"]],
            "bmc_seqs": ["0x%08x" % p["fields"]["session_seq"] for p in packets
                         if p["dir"] == "bmc->console" and "session_seq" in p["fields"]],
        },
        "packets": packets,
    }


def main():
    metas = {os.path.basename(f)[:-len(".packets.json")]: json.load(open(f))
             for f in sorted(glob.glob(os.path.join(RAW, "*.packets.json")))}
    summary = []

    FAKE = "BMC side is capture/fakebmc.py, a python stand-in implementing ipmi_ref.py (ipmi_sim cannot run this suite). What is independent here: every client-generated value (RAKP1, RAKP3 auth code, SIK/K1/K2 printed by ipmitool, integrity codes and ciphertext of the requests) and the fact that the real client accepted the stand-in's RAKP2, RAKP4 and authenticated/encrypted responses (exit code 0)."
    plus = [
        ("lanplus-suite0", "lanplus-suite0.json", "Cipher suite 0 (RAKP-none, no integrity, no confidentiality), ipmitool <-> ipmi_sim", ()),
        ("lanplus-suite1", "lanplus-suite1.json", "Cipher suite 1 (RAKP-HMAC-SHA1, no integrity, no confidentiality), ipmitool <-> ipmi_sim", ()),
        ("lanplus-suite2", "lanplus-suite2.json", "Cipher suite 2 (RAKP-HMAC-SHA1, HMAC-SHA1-96, no confidentiality), ipmitool <-> ipmi_sim", ()),
        ("lanplus-suite3", "lanplus-suite3.json", "Cipher suite 3 (RAKP-HMAC-SHA1, HMAC-SHA1-96, AES-CBC-128), ipmitool <-> ipmi_sim", ()),
        ("lanplus-suite3-kg", "lanplus-suite3-kg.json", "Cipher suite 3 with a BMC key K_G (SIK keyed by K_G), ipmitool -k <-> ipmi_sim bmc_key", (
            "ipmi_sim's lan.conf ASCII values keep at most 19 characters (byte 20 is forced to 0), so the K_G used is 19 ASCII bytes + one zero byte; ipmitool -k zero-pads to 20 the same way.",)),
        ("lanplus-suite6", "lanplus-suite6.json", "Cipher suite 6 (RAKP-HMAC-MD5, no integrity, no confidentiality), ipmitool <-> ipmi_sim", ()),
        ("freeipmi-suite3", "lanplus-suite3-freeipmi.json", "Cipher suite 3 from a second client (FreeIPMI ipmi-raw) <-> ipmi_sim", (
            "FreeIPMI picks a random console session ID, starts its session sequence at 1 and sends Open Session with requested privilege 4 (-W opensesspriv).",)),
        ("freeipmi-suite11", "lanplus-suite11-freeipmi.json", "Cipher suite 11 (RAKP-HMAC-MD5, MD5-128, none): FreeIPMI ipmi-raw <-> ipmi_sim, both directions verified", (
            "MD5-128 AuthCode = MD5(password20 | AuthType..NextHeader | password20), password zero-padded to 20 bytes; FreeIPMI (client) and OpenIPMI (BMC) agree. ipmitool 1.8.19 cannot do suites 11-14 (assert).",)),
        ("fake-ipmitool-suite7", "lanplus-suite7-ipmitool.json", "Cipher suite 7 (RAKP-HMAC-MD5, HMAC-MD5-128, none): ipmitool <-> python stand-in BMC", (FAKE,)),
        ("fake-ipmitool-suite8", "lanplus-suite8-ipmitool.json", "Cipher suite 8 (RAKP-HMAC-MD5, HMAC-MD5-128, AES-CBC-128): ipmitool <-> python stand-in BMC", (FAKE,)),
        ("fake-ipmitool-suite15", "lanplus-suite15-ipmitool.json", "Cipher suite 15 (RAKP-HMAC-SHA256, none, none): ipmitool <-> python stand-in BMC", (FAKE,)),
        ("fake-ipmitool-suite16", "lanplus-suite16-ipmitool.json", "Cipher suite 16 (RAKP-HMAC-SHA256, HMAC-SHA256-128, none): ipmitool <-> python stand-in BMC", (FAKE,)),
        ("fake-ipmitool-suite17", "lanplus-suite17-ipmitool.json", "Cipher suite 17 (RAKP-HMAC-SHA256, HMAC-SHA256-128, AES-CBC-128): ipmitool <-> python stand-in BMC", (FAKE,)),
        ("fake-ipmitool-suite17-kg", "lanplus-suite17-kg-ipmitool.json", "Cipher suite 17 with a 20-byte K_G: ipmitool -k <-> python stand-in BMC", (FAKE,)),
        ("fake-freeipmi-suite7", "lanplus-suite7-freeipmi.json", "Cipher suite 7: FreeIPMI <-> python stand-in BMC", (FAKE,)),
        ("fake-freeipmi-suite8", "lanplus-suite8-freeipmi.json", "Cipher suite 8: FreeIPMI <-> python stand-in BMC", (FAKE,)),
        ("fake-freeipmi-suite12", "lanplus-suite12-freeipmi.json", "Cipher suite 12 (RAKP-HMAC-MD5, MD5-128, AES-CBC-128): FreeIPMI <-> python stand-in BMC", (FAKE,)),
        ("fake-freeipmi-suite15", "lanplus-suite15-freeipmi.json", "Cipher suite 15: FreeIPMI <-> python stand-in BMC", (FAKE,)),
        ("fake-freeipmi-suite16", "lanplus-suite16-freeipmi.json", "Cipher suite 16: FreeIPMI <-> python stand-in BMC", (FAKE,)),
        ("fake-freeipmi-suite17", "lanplus-suite17-freeipmi.json", "Cipher suite 17: FreeIPMI <-> python stand-in BMC", (FAKE,)),
        ("fake-freeipmi-suite17-kg", "lanplus-suite17-kg-freeipmi.json", "Cipher suite 17 with a 20-byte K_G: FreeIPMI -k <-> python stand-in BMC", (FAKE,)),
    ]
    for scen, out, title, notes in plus:
        if scen not in metas:
            continue
        doc = lanplus_file(metas[scen], out, title, notes)
        summary.append((out, len(doc["packets"])))

    quirks(metas)
    summary.append(("ipmi_sim-quirks.json", 0))

    sessions = []
    for scen in ("lan15-none", "lan15-password", "lan15-md5", "freeipmi-lan15-md2", "freeipmi-lan15-md5"):
        if scen in metas:
            sessions.append(lan15_session(metas[scen]))
    lan = {
        "_spec": SPEC + " §13.6 (v1.5 session header), §22.13-§22.19 (Get Channel Authentication Capabilities, Get Session Challenge, Activate Session, Set Session Privilege Level, Close Session), §22.17.1 AuthCode algorithms",
        "title": "IPMI v1.5 LAN (-I lan) sessions captured against ipmi_sim",
        "notes": [
            "AuthCode MD5/MD2 = H(password16 | session ID (LE) | IPMI message | session sequence number (LE) | password16); verified in both directions for every authenticated packet.",
            "Activate Session request is already authenticated with the temporary session ID from Get Session Challenge and session sequence 0.",
            "Auth type NONE packets carry no AuthCode field at all (session header is 10 bytes); STRAIGHT_PASSWORD_KEY sends the 16-byte zero-padded password as AuthCode.",
            "MD2 sessions come from FreeIPMI (Debian's ipmitool has no MD2); a FreeIPMI MD5 session is included as a second-client cross-check.",
        ],
        "sessions": sessions,
    }
    with open(os.path.join(OUT, "lan15.json"), "w") as fh:
        json.dump(lan, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    summary.append(("lan15.json", sum(len(s["packets"]) for s in sessions)))

    framing(metas)
    summary.append(("framing.json", 0))
    for s in summary:
        print("wrote %-34s %s" % s)


# ------------------------------------------------------------------ ipmi_sim-quirks.json

def quirks(metas):
    """Suites 7/8/12 against ipmi_sim: the clients' packets verify with the
    spec conventions, ipmi_sim never answers the protected request."""
    import hashlib
    import hmac
    entries = []
    for scen in ("simreject-ipmitool-suite7", "simreject-ipmitool-suite8",
                 "simreject-freeipmi-suite7", "simreject-freeipmi-suite8",
                 "simreject-freeipmi-suite12"):
        if scen not in metas:
            continue
        meta = metas[scen]
        doc = lanplus_file(meta, None, scen, write=False)   # raises if anything fails to verify
        prot = [p for p in doc["packets"] if p["fields"].get("payload_type") == 0
                and p["fields"].get("authenticated")]
        e = {
            "scenario": scen, "argv": meta["argv"], "client_exit_code": meta["exit_code"],
            "cipher_suite": doc["cipher_suite"]["id"],
            "client_protected_requests": len([p for p in prot if p["dir"] == "console->bmc"]),
            "client_requests_verified_with_spec_keys": True,
            "bmc_protected_responses": len([p for p in prot if p["dir"] == "bmc->console"]),
            "sik_hex": doc["derived"]["sik_hex"],
            "k1_hex": doc["derived"]["k1_hex"], "k2_hex": doc["derived"]["k2_hex"],
            "pcap": doc["provenance"]["pcap"],
        }
        sik = R.unhx(doc["derived"]["sik_hex"])
        e["openipmi_k1_16byte_const_hex"] = hx(hmac.new(sik, b"\x01" * 16, hashlib.md5).digest())
        e["openipmi_k2_16byte_const_hex"] = hx(hmac.new(sik, b"\x02" * 16, hashlib.md5).digest())
        enc = [p for p in prot if p["fields"].get("encrypted")]
        if enc:
            c = enc[0]["fields"]["confidentiality"]
            e["first_request_decrypted_with_openipmi_k2_hex"] = hx(R.aes_cbc(
                R.unhx(e["openipmi_k2_16byte_const_hex"]), R.unhx(c["iv_hex"]),
                R.unhx(c["ciphertext_hex"]), decrypt=True))
            e["first_request_decrypted_with_spec_k2_hex"] = c["decrypted_hex"]
        entries.append(e)
    doc = {
        "_spec": SPEC + " §13.28.4, §13.32",
        "title": "Why cipher suites 7, 8 and 12 fail against ipmi_sim (OpenIPMI 2.0.33): for the simulator authors, not for client tests",
        "findings": [
            "ipmitool 1.8.19 and FreeIPMI 1.6.10 agree with each other (and with ipmi_ref.py / fakebmc.py, where both complete every suite): K1 = HMAC-MD5(SIK, 0x01 x 20), K2 = HMAC-MD5(SIK, 0x02 x 20), HMAC-MD5-128 keyed by K1.",
            "ipmi_sim (lanserv_ipmi.c) derives K1/K2 for RAKP-HMAC-MD5 from 16-byte constants (0x01 x 16 / 0x02 x 16) and keys its HMAC-MD5-128 integrity with the user's 16-byte password instead of K1, so it silently drops every authenticated request of suites 7 and 8; for suite 12 (MD5-128 integrity, which only uses the password) the integrity check passes but its K2 cannot decrypt the AES payload.",
            "Suites 6 (no integrity) and 11 (MD5-128, no encryption) do not use K1/K2 and work against ipmi_sim.",
            "The ipmi_sim lan.conf ASCII parser keeps at most 19 characters of a password or bmc_key (byte 20 is forced to 0); a 20-character K_G or password therefore cannot be tested with ipmi_sim.",
        ],
        "captures": entries,
    }
    with open(os.path.join(OUT, "ipmi_sim-quirks.json"), "w") as fh:
        json.dump(doc, fh, indent=1, ensure_ascii=False)
        fh.write("\n")


# ------------------------------------------------------------------ framing.json

def framing(metas):
    m15 = metas["lan15-md5"]["packets"]
    m3 = metas["lanplus-suite3"]["packets"]
    ping, pong = m15[0], m15[1]
    check(R.unhx(ping["hex"]) == R.asf_presence_ping(0), "ping built by ipmi_ref equals capture")
    doc_example = "0600ff070000000000000000000920 18c88100388e04b5".replace(" ", "")
    gcac_v2 = m3[0]
    gcac_v15 = m15[2]
    built_v2 = R.RMCP_IPMI + bytes([0]) + bytes(8) + bytes([9]) + R.build_request(0x06, 0x38, b"\x8e\x04", rq_seq=0)
    check(hx(built_v2) == gcac_v2["hex"], "GCAC (8e) rebuilt")
    check(gcac_v2["hex"] == doc_example, "GCAC equals ipmitool-1.8.19.md §5.2 example")

    def ent(name, spec, p, is_resp):
        raw = R.unhx(p["hex"])
        d = {"name": name, "_spec": spec, "dir": DIRNAME[p["dir"]], "hex": p["hex"]}
        if raw[3] == 0x06:
            d["fields"] = decode_asf(raw)
        else:
            d["fields"] = decode_v15(raw, "rs" if is_resp else "rq")[0]
        return d

    # checksum vectors: every distinct IPMI message seen in clear text
    seen, sums = set(), []
    for scen in ("lan15-none", "lanplus-suite0"):
        for p in metas[scen]["packets"]:
            raw = R.unhx(p["hex"])
            if raw[3] != 0x07:
                continue
            if raw[4] == 0x06:
                if raw[5] & 0x3F != 0:
                    continue
                msg = raw[16:16 + struct.unpack("<H", raw[14:16])[0]]
            else:
                at = raw[4]
                off = 13 + (16 if at else 0)
                msg = raw[off + 1:off + 1 + raw[off]]
            if msg in seen:
                continue
            seen.add(msg)
            pm = R.parse_message(msg, p["dir"] == "rs")
            check(pm["checksum1_ok"] and pm["checksum2_ok"], "checksum")
            sums.append({
                "dir": DIRNAME[p["dir"]], "command_name": pm["command_name"],
                "message_hex": hx(msg),
                "header_hex": hx(msg[0:2]), "checksum1_hex": "%02x" % msg[2],
                "body_hex": hx(msg[3:-1]), "checksum2_hex": "%02x" % msg[-1],
                "source": "capture/raw/%s.pcapng" % scen})

    mnone = metas["lan15-none"]["packets"]
    gdid = [p for p in mnone if p["dir"] == "rs" and p["hex"][6:8] == "07" and
            R.parse_message(decode_v15(R.unhx(p["hex"]), "rs")[5], True)["cmd"] == 0x01][0]
    gd = decode_v15(R.unhx(gdid["hex"]), "rs")
    data = R.unhx(gd[0]["ipmi_message"]["data_hex"])
    devid = {
        "_spec": "§20.1 Get Device ID response (data after completion code)",
        "data_hex": hx(data),
        "device_id": data[0], "device_revision": data[1] & 0x0F,
        "provides_device_sdrs": bool(data[1] & 0x80),
        "device_available": not (data[2] & 0x80),
        "firmware_major": data[2] & 0x7F, "firmware_minor_bcd_hex": "%02x" % data[3],
        "ipmi_version_bcd_hex": "%02x" % data[4], "_ipmi_version": "BCD, bits 3:0 major, bits 7:4 minor: 0x02 -> 2.0",
        "additional_device_support_hex": "%02x" % data[5],
        "manufacturer_id": data[6] | data[7] << 8 | data[8] << 16,
        "product_id": data[9] | data[10] << 8,
        "aux_firmware_revision_hex": hx(data[11:15]),
        "ipmitool_mc_info_shows": "Device ID 0, Device Revision 3, Firmware Revision 9.08, IPMI Version 2.0, Manufacturer ID 343, Product ID 2890 (0x0b4a)",
    }
    doc = {
        "_spec": SPEC + " §13.1-§13.8 (RMCP, ASF ping/pong, session headers, IPMI LAN message format and checksums)",
        "title": "Framing vectors taken from the ipmitool/ipmi_sim captures",
        "rmcp_presence_ping": ent("RMCP/ASF Presence Ping (ipmitool -I lan sends it first)", "§13.2, ASF 2.0 Presence Ping; RMCP class 06 = ASF, IANA 4542 (0x000011be), message type 0x80, tag, reserved, data length 0", ping, False),
        "rmcp_presence_pong": ent("RMCP/ASF Presence Pong from ipmi_sim", "§13.2, ASF 2.0 Presence Pong; message type 0x40, data length 16: IANA, OEM, supported entities 0x81 (IPMI, ASF 1.0), interactions 0, 6 reserved", pong, True),
        "get_channel_auth_caps_v2_request": ent("Get Channel Authentication Capabilities request as sent by -I lanplus (channel byte 0x8e = 'get v2.0 extended data' | channel 0x0e, privilege 0x04)", "§13.6 v1.5 wrapper with auth type NONE, §22.13", gcac_v2, False),
        "get_channel_auth_caps_v2_request_matches_doc_example": doc_example,
        "_doc_example": "ipmitool-1.8.19.md §5.2: '06 00 ff 07 00 00 00 00 00 00 00 00 00 09 20 18 c8 81 00 38 8e 04 b5' -- identical to the capture",
        "get_channel_auth_caps_v2_response": ent("Get Channel Authentication Capabilities response from ipmi_sim (extended data: byte 3 bit 7 = 1, byte 5 = 0x03 IPMI v1.5+v2.0)", "§22.13", m3[1], True),
        "get_channel_auth_caps_v15_request": ent("Get Channel Authentication Capabilities request as sent by -I lan (channel 0x0e, privilege 0x04)", "§13.6, §22.13", gcac_v15, False),
        "get_channel_auth_caps_v15_response": ent("Get Channel Authentication Capabilities response (-I lan)", "§22.13", m15[3], True),
        "get_device_id_response": dict(ent("Get Device ID response (v1.5 session, auth type NONE)", "§20.1", gdid, True), decoded=devid),
        "checksums": {
            "_spec": "§13.8: checksum1 = 2's complement of rsAddr+netFn/LUN (requests) / rqAddr+netFn/LUN (responses); checksum2 = 2's complement of the rest up to the checksum; i.e. (-sum) & 0xff",
            "vectors": sums,
        },
    }
    with open(os.path.join(OUT, "framing.json"), "w") as fh:
        json.dump(doc, fh, indent=1, ensure_ascii=False)
        fh.write("\n")


if __name__ == "__main__":
    main()
