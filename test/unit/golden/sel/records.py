#!/usr/bin/env python3
"""Writes records.bin: SEL records in ipmitool's `sel writeraw` layout (16 bytes each; OEM
timestamped records hold the manufacturer ID most significant byte first), covering every
threshold offset, generic event/reading types 02h-0Ch, sensor types 00h-2Ch with offsets 0-14,
event data 2 qualified texts, memory ECC breakdown, OEM event and sensor types, pre-init,
unspecified and ordinary timestamps, OEM record types C0h-FFh and F0h (Linux kernel panic).

The golden texts are the real ipmitool 1.8.19 output (TZ=UTC, LC_ALL=C) against the project's
simulator (Get Device ID: MontaVista, so OEM sensor types are "Unknown"):
  ipmitool -I lanplus ... sel readraw records.bin    > readraw.txt
  ipmitool -I lanplus ... -c sel readraw records.bin > readraw-c.txt
  ipmitool -I lanplus ... -v sel readraw records.bin > readraw-v.txt   (stdout only)
"""
import struct

recs = []
rid = 1


def sysrec(ts, gen, st, sn, dt, d1, d2, d3, rtype=2):
    global rid
    r = struct.pack('<HBIHBBBBBBB', rid, rtype, ts, gen, 4, st, sn, dt, d1, d2, d3)
    rid += 1
    return r


def oemts(rtype, ts, manf, data):
    global rid
    r = struct.pack('<HBI', rid, rtype, ts) + bytes([(manf >> 16) & 0xff, (manf >> 8) & 0xff, manf & 0xff]) + bytes(data)
    rid += 1
    return r


def oem(rtype, data):
    global rid
    r = struct.pack('<HB', rid, rtype) + bytes(data)
    rid += 1
    return r


T = 0x65e19c80
for off in range(12):  # Table 42-2 threshold offsets, trigger and threshold in bytes 2 and 3
    recs.append(sysrec(T + off, 0x20, 0x01, 0x02, 0x01, 0x50 | off, 0x60, 0x5a))
recs.append(sysrec(T, 0x20, 0x02, 0x20, 0x81, 0x52, 0xb3, 0xb4))
recs.append(sysrec(T, 0x20, 0x04, 0x13, 0x01, 0x0c, 0xff, 0xff))
for et in range(0x02, 0x0d):  # generic discrete
    for off in range(0, 16, 3):
        recs.append(sysrec(T, 0x20, 0x07, 0x10, et, off, 0xff, 0xff))
for st in range(0, 0x2d):  # Table 42-3 sensor-specific offsets
    for off in range(0, 15):
        recs.append(sysrec(T, 0x20, st, 0x40, 0x6f, off, 0xff, 0xff))
for d2 in (0x00, 0x01, 0x05, 0x13, 0x19, 0x7f):  # System Firmware Progress, event data 2 codes
    for off in range(3):
        recs.append(sysrec(T, 0x01, 0x0f, 0x00, 0x6f, 0xc0 | off, d2, 0xff))
recs.append(sysrec(T, 0x20, 0x2b, 0x10, 0x6f, 0xc1, 0x01, 0xff))
recs.append(sysrec(T, 0x20, 0x23, 0x00, 0x6f, 0xc1, 0x04, 0xff))
recs.append(sysrec(T, 0x20, 0x0c, 0x00, 0x6f, 0xa0, 0xff, 0x31))  # memory: CPU 1 DIMM 3
recs.append(sysrec(T, 0x20, 0x0c, 0x00, 0x6f, 0x81, 0x01, 0x52))
recs.append(sysrec(T, 0x20, 0x01, 0x05, 0x70, 0x01, 0x02, 0x03))  # OEM event/reading types
recs.append(sysrec(T, 0x20, 0x01, 0x05, 0x7f, 0x01, 0x02, 0x03))
recs.append(sysrec(T, 0x20, 0x01, 0x05, 0x00, 0x01, 0x02, 0x03))
recs.append(sysrec(T, 0x20, 0x01, 0x05, 0x20, 0x01, 0x02, 0x03))
recs.append(sysrec(T, 0x20, 0xc0, 0x05, 0x6f, 0x01, 0xff, 0xff))  # OEM sensor types
recs.append(sysrec(T, 0x20, 0xf0, 0x05, 0x6f, 0x01, 0xff, 0xff))
recs.append(sysrec(3445, 0x20, 0x01, 0x01, 0x01, 0x59, 0x60, 0x5a))  # pre-init stamps
recs.append(sysrec(0x1fffffff, 0x20, 0x01, 0x01, 0x01, 0x59, 0x60, 0x5a))
recs.append(sysrec(0xffffffff, 0x20, 0x01, 0x01, 0x01, 0x59, 0x60, 0x5a))  # unspecified
recs.append(sysrec(T, 0x20, 0x01, 0x01, 0x01, 0x59, 0x60, 0x5a, rtype=0x00))
recs.append(sysrec(T, 0x20, 0x01, 0x01, 0x01, 0x59, 0x60, 0x5a, rtype=0x10))
recs.append(oemts(0xc0, T, 0x001291, [0xde, 0xad, 0x41, 0x42, 0x7e, 0x7f]))
recs.append(oemts(0xdf, 3445, 0x000157, [1, 2, 3, 4, 5, 6]))
recs.append(oem(0xe0, list(range(1, 14))))
recs.append(oem(0xff, [0x40, 0x41, 0x7e, 0x7f, 0x20, 0, 1, 2, 3, 4, 5, 6, 7]))
recs.append(oem(0xf0, list(b'Oops: kernel')[:11] + [0, 0]))
open('records.bin', 'wb').write(b''.join(recs))
