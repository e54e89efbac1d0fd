#!/usr/bin/env python3
"""Reference IPMI LAN primitives for the known-answer vectors.

Written from the IPMI v2.0 rev 1.1 specification (sections cited inline),
using only python3's hashlib/hmac and the `cryptography` package (or the
openssl CLI) -- deliberately independent of the TypeScript implementation.
Used by make_vectors.py and capture/analyze.py.
"""
import hashlib
import hmac
import shutil
import struct
import subprocess

# ---------------------------------------------------------------- helpers


def hx(b):
    return None if b is None else bytes(b).hex()


def unhx(s):
    return bytes.fromhex(s.replace(" ", "").replace(":", ""))


def u32le(v):
    return struct.pack("<I", v)


def from_u32le(b):
    return struct.unpack("<I", bytes(b))[0]


def pad_zero(b, n):
    """Zero-extend (or truncate) to n bytes: Kuid / Kg are 20-byte fields
    (§13.31), v1.5 passwords 16-byte fields (§22.17.1)."""
    b = bytes(b)[:n]
    return b + b"\x00" * (n - len(b))


# ---------------------------------------------------------------- tables

# §13.28 (algorithm numbers) and §22.15.2 (cipher suite IDs)
AUTH_ALGS = {0: "RAKP-none", 1: "RAKP-HMAC-SHA1", 2: "RAKP-HMAC-MD5",
             3: "RAKP-HMAC-SHA256"}
INTEG_ALGS = {0: "none", 1: "HMAC-SHA1-96", 2: "HMAC-MD5-128", 3: "MD5-128",
              4: "HMAC-SHA256-128"}
CONF_ALGS = {0: "none", 1: "AES-CBC-128", 2: "xRC4-128", 3: "xRC4-40"}
CIPHER_SUITES = {
    0: (0, 0, 0), 1: (1, 0, 0), 2: (1, 1, 0), 3: (1, 1, 1), 4: (1, 1, 2),
    5: (1, 1, 3), 6: (2, 0, 0), 7: (2, 2, 0), 8: (2, 2, 1), 9: (2, 2, 2),
    10: (2, 2, 3), 11: (2, 3, 0), 12: (2, 3, 1), 13: (2, 3, 2), 14: (2, 3, 3),
    15: (3, 0, 0), 16: (3, 4, 0), 17: (3, 4, 1), 18: (3, 4, 2), 19: (3, 4, 3),
}

AUTH_HASH = {1: hashlib.sha1, 2: hashlib.md5, 3: hashlib.sha256}
# length of the integrity check value in RAKP 4 (§13.28, §13.31: HMAC-SHA1-96 -> 12,
# HMAC-MD5 -> 16 (whole), HMAC-SHA256-128 -> 16)
RAKP4_ICV_LEN = {1: 12, 2: 16, 3: 16}
# AuthCode (integrity) lengths, §13.28.4
INTEG_LEN = {1: 12, 2: 16, 3: 16, 4: 16}

PRIV_NAMES = {0: "reserved/highest", 1: "CALLBACK", 2: "USER", 3: "OPERATOR",
              4: "ADMINISTRATOR", 5: "OEM"}

# v1.5 session header auth type (§13.6) ; 6 = RMCP+ format
AUTHTYPE_NAMES = {0: "NONE", 1: "MD2", 2: "MD5", 4: "STRAIGHT_PASSWORD_KEY",
                  5: "OEM", 6: "RMCP+"}

PAYLOAD_TYPES = {0x00: "IPMI Message", 0x01: "SOL", 0x02: "OEM explicit",
                 0x10: "RMCP+ Open Session Request",
                 0x11: "RMCP+ Open Session Response",
                 0x12: "RAKP Message 1", 0x13: "RAKP Message 2",
                 0x14: "RAKP Message 3", 0x15: "RAKP Message 4"}

CMD_NAMES = {
    (0x06, 0x01): "Get Device ID",
    (0x06, 0x38): "Get Channel Authentication Capabilities",
    (0x06, 0x39): "Get Session Challenge",
    (0x06, 0x3A): "Activate Session",
    (0x06, 0x3B): "Set Session Privilege Level",
    (0x06, 0x3C): "Close Session",
    (0x06, 0x54): "Get Channel Cipher Suites",
    (0x2C, 0x00): "PICMG Get PICMG Properties / VSO Get Capabilities (group extension 0x2C, cmd 0x00)",
    (0x2C, 0x3E): "PICMG Get HPM.x Capabilities",
}

# ---------------------------------------------------------------- checksums


def ipmb_checksum(data):
    """2's complement checksum (§13.8): sum(data)+chk == 0 mod 256."""
    return (-sum(data)) & 0xFF


def build_request(netfn, cmd, data=b"", rq_seq=0, rs_addr=0x20, rq_addr=0x81,
                  rs_lun=0, rq_lun=0):
    """IPMI LAN request message, §13.8 (rsAddr, netFn/rsLUN, chk1,
    rqAddr, rqSeq/rqLUN, cmd, data, chk2)."""
    h = bytes([rs_addr, (netfn << 2) | rs_lun])
    body = bytes([rq_addr, (rq_seq << 2) | rq_lun, cmd]) + bytes(data)
    return h + bytes([ipmb_checksum(h)]) + body + bytes([ipmb_checksum(body)])


def parse_message(m, is_response):
    """Decode an IPMI LAN message (request or response) and check both
    checksums."""
    m = bytes(m)
    d = {
        "hex": hx(m),
        "checksum1_hex": "%02x" % m[2],
        "checksum1_ok": ipmb_checksum(m[0:2]) == m[2],
        "checksum2_hex": "%02x" % m[-1],
        "checksum2_ok": ipmb_checksum(m[3:-1]) == m[-1],
        "netfn": m[1] >> 2,
        "cmd": m[5],
    }
    if is_response:
        d.update({"rq_addr": m[0], "rq_lun": m[1] & 3, "rs_addr": m[3],
                  "rq_seq": m[4] >> 2, "rs_lun": m[4] & 3,
                  "completion_code": m[6], "data_hex": hx(m[7:-1])})
        key = ((m[1] >> 2) & ~1, m[5])
    else:
        d.update({"rs_addr": m[0], "rs_lun": m[1] & 3, "rq_addr": m[3],
                  "rq_seq": m[4] >> 2, "rq_lun": m[4] & 3,
                  "data_hex": hx(m[6:-1])})
        key = (m[1] >> 2, m[5])
    d["command_name"] = CMD_NAMES.get(key, "netfn 0x%02x cmd 0x%02x" % key)
    return d


# ---------------------------------------------------------------- RMCP / ASF


RMCP_IPMI = bytes([0x06, 0x00, 0xFF, 0x07])   # ver 6, rsvd, seq FF (no ACK), class 7 IPMI
RMCP_ASF = bytes([0x06, 0x00, 0xFF, 0x06])    # class 6 ASF


def asf_presence_ping(tag=0):
    """RMCP/ASF Presence Ping (§13.2, ASF 2.0 presence ping)."""
    return RMCP_ASF + bytes([0x00, 0x00, 0x11, 0xBE, 0x80, tag, 0x00, 0x00])


# ---------------------------------------------------------------- RAKP (§13.20-13.31)


def role_byte(priv, name_only_lookup=True):
    """RAKP 1 'Requested Maximum Privilege Level' byte (§13.20):
    bits 3:0 privilege, bit 4 = 1 for name-only lookup, 0 for
    username/privilege lookup."""
    return (priv & 0x0F) | (0x10 if name_only_lookup else 0)


def rakp2_input(sidm, sidc, rm, rc, guid, role, uname):
    """§13.21 / §13.31: SIDm | SIDc | Rm | Rc | GUIDc | ROLEm | ULENm | UNAMEm
    (session ids little-endian as on the wire)."""
    return (u32le(sidm) + u32le(sidc) + rm + rc + guid +
            bytes([role, len(uname)]) + uname)


def rakp3_input(rc, sidm, role, uname):
    """§13.22: Rc | SIDm | ROLEm | ULENm | UNAMEm."""
    return rc + u32le(sidm) + bytes([role, len(uname)]) + uname


def sik_input(rm, rc, role, uname):
    """§13.31: Rm | Rc | ROLEm | ULENm | UNAMEm."""
    return rm + rc + bytes([role, len(uname)]) + uname


def rakp4_input(rm, sidc, guid):
    """§13.23: Rm | SIDc | GUIDc."""
    return rm + u32le(sidc) + guid


def auth_hmac(auth_alg, key, data):
    return hmac.new(bytes(key), bytes(data), AUTH_HASH[auth_alg]).digest()


def derive_k(auth_alg, sik, n):
    """§13.32: Kn = HMAC_SIK(const_n), const_n = 20 bytes of value n.
    (ipmitool and FreeIPMI use 20-byte constants for every auth algorithm;
    OpenIPMI's ipmi_sim uses 16-byte constants for HMAC-MD5.)"""
    return auth_hmac(auth_alg, sik, bytes([n]) * 20)


def rakp_keys(auth_alg, kuid, kg, sidm, sidc, rm, rc, guid, role, uname):
    """Every RAKP value for one session. kuid/kg are the 20-byte fields;
    kg None (or all zero) means 'use Kuid' (§13.31)."""
    r = {}
    r["rakp2_hmac_input"] = rakp2_input(sidm, sidc, rm, rc, guid, role, uname)
    r["rakp3_hmac_input"] = rakp3_input(rc, sidm, role, uname)
    r["sik_input"] = sik_input(rm, rc, role, uname)
    r["rakp4_hmac_input"] = rakp4_input(rm, sidc, guid)
    if auth_alg == 0:
        return r
    sik_key = kg if (kg is not None and any(kg)) else kuid
    r["rakp2_auth_code"] = auth_hmac(auth_alg, kuid, r["rakp2_hmac_input"])
    r["rakp3_auth_code"] = auth_hmac(auth_alg, kuid, r["rakp3_hmac_input"])
    r["sik"] = auth_hmac(auth_alg, sik_key, r["sik_input"])
    r["k1"] = derive_k(auth_alg, r["sik"], 1)
    r["k2"] = derive_k(auth_alg, r["sik"], 2)
    r["rakp4_icv_full"] = auth_hmac(auth_alg, r["sik"], r["rakp4_hmac_input"])
    r["rakp4_icv"] = r["rakp4_icv_full"][:RAKP4_ICV_LEN[auth_alg]]
    return r


# ---------------------------------------------------------------- integrity (§13.28.4)


def md5_128(password20, data):
    """MD5-128 integrity: MD5(password | data | password) with the user
    password zero-padded to 20 bytes (as implemented by FreeIPMI and OpenIPMI;
    ipmitool 1.8.19 does not implement MD5-128)."""
    return hashlib.md5(password20 + bytes(data) + password20).digest()


def integrity_code(integ_alg, k1, password20, data):
    """(full, truncated) AuthCode over data = AuthType .. Next Header."""
    if integ_alg == 1:
        full = hmac.new(k1, data, hashlib.sha1).digest()
    elif integ_alg == 2:
        full = hmac.new(k1, data, hashlib.md5).digest()
    elif integ_alg == 3:
        full = md5_128(password20, data)
    elif integ_alg == 4:
        full = hmac.new(k1, data, hashlib.sha256).digest()
    else:
        raise ValueError(integ_alg)
    return full, full[:INTEG_LEN[integ_alg]]


def integrity_pad_len(covered_len_without_pad):
    """§13.6 Table 13-8: Integrity PAD makes AuthType..Next Header a multiple
    of 4.  covered_len_without_pad = len(AuthType..payload) + 2 (pad length,
    next header)."""
    return (-covered_len_without_pad) % 4


# ---------------------------------------------------------------- AES-CBC-128 (§13.29)


def conf_pad(plain):
    """§13.29: pad bytes 01 02 03 .. N then pad length N, so that
    plaintext + pad + 1 is a multiple of 16."""
    n = (-(len(plain) + 1)) % 16
    return bytes(range(1, n + 1)), n


def aes_cbc(key16, iv, data, decrypt=False):
    try:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
        c = Cipher(algorithms.AES(bytes(key16)), modes.CBC(bytes(iv)))
        op = c.decryptor() if decrypt else c.encryptor()
        return op.update(bytes(data)) + op.finalize()
    except ImportError:
        return aes_cbc_openssl(key16, iv, data, decrypt)


def aes_cbc_openssl(key16, iv, data, decrypt=False):
    """Same operation through the openssl CLI (second, independent path)."""
    if not shutil.which("openssl"):
        return None
    argv = ["openssl", "enc", "-aes-128-cbc", "-K", hx(key16), "-iv", hx(iv),
            "-nopad"] + (["-d"] if decrypt else [])
    return subprocess.run(argv, input=bytes(data), capture_output=True,
                          check=True).stdout


def encrypt_payload(k2, iv, plain):
    """IV | AES-CBC-128(K2[0:16], IV, plain | 01 02 .. N | N)."""
    pad, n = conf_pad(plain)
    padded = bytes(plain) + pad + bytes([n])
    return iv + aes_cbc(k2[:16], iv, padded), padded


def decrypt_payload(k2, payload):
    """-> (iv, ciphertext, decrypted incl. pad, plaintext, pad, padlen, pad_ok)."""
    iv, ct = payload[:16], payload[16:]
    dec = aes_cbc(k2[:16], iv, ct, decrypt=True)
    n = dec[-1]
    pad = dec[-1 - n:-1] if n else b""
    ok = n < 16 and pad == bytes(range(1, n + 1))
    return iv, ct, dec, dec[:len(dec) - 1 - n], pad, n, ok


# ---------------------------------------------------------------- v2.0 packet (§13.6 Table 13-8)


def build_v2_packet(payload_type, sid, seq, payload, integ_alg=0, k1=None,
                    password20=None, encrypted=False, authenticated=False):
    """RMCP | 06 | payload type (bit7 encrypted, bit6 authenticated) | SID LE |
    seq LE | payload length LE16 | payload [| integrity pad FF.. | pad length |
    next header 07 | AuthCode]."""
    pt = payload_type | (0x80 if encrypted else 0) | (0x40 if authenticated else 0)
    sess = (bytes([0x06, pt]) + u32le(sid) + u32le(seq) +
            struct.pack("<H", len(payload)) + bytes(payload))
    out = {"session_part": sess}
    if authenticated and integ_alg:
        npad = integrity_pad_len(len(sess) + 2)
        covered = sess + b"\xff" * npad + bytes([npad, 0x07])
        full, code = integrity_code(integ_alg, k1, password20, covered)
        out.update({"integrity_pad": b"\xff" * npad, "pad_length": npad,
                    "auth_code_input": covered, "auth_code_full": full,
                    "auth_code": code})
        out["packet"] = RMCP_IPMI + covered + code
    else:
        out["packet"] = RMCP_IPMI + sess
    return out


# ---------------------------------------------------------------- v1.5 AuthCode (§22.17.1)


def v15_authcode(authtype, password16, session_id, message, seq):
    """authtype 0 NONE: 16 zero bytes is NOT sent (no AuthCode field);
    4 STRAIGHT: the 16-byte password; 2 MD5 / 1 MD2:
    H(password16 | session id LE | IPMI message | session seq LE | password16)."""
    if authtype == 0:
        return None
    if authtype == 4:
        return bytes(password16)
    data = (bytes(password16) + u32le(session_id) + bytes(message) +
            u32le(seq) + bytes(password16))
    if authtype == 2:
        return hashlib.md5(data).digest()
    if authtype == 1:
        return md2(data)
    raise ValueError(authtype)


# ---------------------------------------------------------------- MD2 (RFC 1319)

# RFC 1319 section 3.2 / appendix A: the 256-byte permutation S built from
# the digits of pi.
PI_SUBST = bytes([
    41, 46, 67, 201, 162, 216, 124, 1, 61, 54, 84, 161, 236, 240, 6,
    19, 98, 167, 5, 243, 192, 199, 115, 140, 152, 147, 43, 217, 188,
    76, 130, 202, 30, 155, 87, 60, 253, 212, 224, 22, 103, 66, 111, 24,
    138, 23, 229, 18, 190, 78, 196, 214, 218, 158, 222, 73, 160, 251,
    245, 142, 187, 47, 238, 122, 169, 104, 121, 145, 21, 178, 7, 63,
    148, 194, 16, 137, 11, 34, 95, 33, 128, 127, 93, 154, 90, 144, 50,
    39, 53, 62, 204, 231, 191, 247, 151, 3, 255, 25, 48, 179, 72, 165,
    181, 209, 215, 94, 146, 42, 172, 86, 170, 198, 79, 184, 56, 210,
    150, 164, 125, 182, 118, 252, 107, 226, 156, 116, 4, 241, 69, 157,
    112, 89, 100, 113, 135, 32, 134, 91, 207, 101, 230, 45, 168, 2, 27,
    96, 37, 173, 174, 176, 185, 246, 28, 70, 97, 105, 52, 64, 126, 15,
    85, 71, 163, 35, 221, 81, 175, 58, 195, 92, 249, 206, 186, 197,
    234, 38, 44, 83, 13, 110, 133, 40, 132, 9, 211, 223, 205, 244, 65,
    129, 77, 82, 106, 220, 55, 200, 108, 193, 171, 250, 36, 225, 123,
    8, 12, 189, 177, 74, 120, 136, 149, 139, 227, 99, 232, 109, 233,
    203, 213, 254, 59, 0, 29, 57, 242, 239, 183, 14, 102, 88, 208, 228,
    166, 119, 114, 248, 235, 117, 75, 10, 49, 68, 80, 180, 143, 237,
    31, 26, 219, 153, 141, 51, 159, 17, 131, 20,
])
assert sorted(PI_SUBST) == list(range(256))


def md2(msg):
    """MD2 per RFC 1319 section 3 (with the published erratum: the checksum
    step is C[j] ^= S[M[j] ^ L], as in the RFC's reference code)."""
    msg = bytes(msg)
    n = 16 - (len(msg) % 16)
    msg += bytes([n]) * n                       # 3.1 padding
    c = bytearray(16)                           # 3.2 checksum
    last = 0
    for i in range(0, len(msg), 16):
        for j in range(16):
            c[j] ^= PI_SUBST[msg[i + j] ^ last]
            last = c[j]
    msg += bytes(c)
    x = bytearray(48)                           # 3.3/3.4
    for i in range(0, len(msg), 16):
        for j in range(16):
            x[16 + j] = msg[i + j]
            x[32 + j] = x[16 + j] ^ x[j]
        t = 0
        for j in range(18):
            for k in range(48):
                x[k] ^= PI_SUBST[t]
                t = x[k]
            t = (t + j) & 0xFF
    return bytes(x[:16])
