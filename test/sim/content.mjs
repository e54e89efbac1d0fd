// @ts-check
/**
 * What the simulated BMC contains: users, sensors (+ their SDRs), FRU images,
 * the SEL seed list, and the renderers that turn these tables into the files
 * ipmi_sim reads (lan.conf from lan.conf.in, the emulation command file).
 *
 * Plain ESM (no TypeScript) so that scripts/sim.mjs can use it too; types are
 * in simlib.d.mts.  Everything here is pure: no I/O, no processes.
 */

/** BMC owner / MC address of everything below. */
export const BMC_ADDR = 0x20;

/**
 * LAN channel 1 users.  User 1 is the IPMI "null user" (empty name).
 * Passwords are at most 16 characters so they work with IPMI v1.5 too,
 * except user 7 (19 characters, the longest ipmi_sim's config parser keeps:
 * it stores at most 19 ASCII bytes of the 20-byte key), which only works
 * over RMCP+ (ipmitool -I lanplus).
 * @type {import('./simlib.d.mts').SimUser[]}
 */
export const USERS = [
  { id: 1, name: '', password: 'nullpass', priv: 'user', enabled: true },
  { id: 2, name: 'admin', password: 'adminpass', priv: 'admin', enabled: true },
  { id: 3, name: 'operator', password: 'operpass', priv: 'operator', enabled: true },
  { id: 4, name: 'user', password: 'userpass', priv: 'user', enabled: true },
  { id: 5, name: 'callback', password: 'callbackpass', priv: 'callback', enabled: true },
  { id: 6, name: 'disabled', password: 'disabledpass', priv: 'user', enabled: false },
  { id: 7, name: 'longpw', password: 'longpassword-19char', priv: 'admin', enabled: true },
];


// ---------------------------------------------------------------------------
// Sensors
// ---------------------------------------------------------------------------

/**
 * Threshold values are RAW bytes (what ipmi_sim compares and returns), the
 * SDR converts them with y = (M*x + B*10^Bexp) * 10^Rexp.
 * Threshold order everywhere below: lnc, lcr, lnr, unc, ucr, unr.
 *
 * kinds: 'full' (SDR type 01), 'compact' (02), 'eventonly' (03).
 * @typedef {{lnc?: number, lcr?: number, lnr?: number, unc?: number, ucr?: number, unr?: number}} Thresholds
 * @typedef {{
 *   num: number, name: string, kind: 'full'|'compact'|'eventonly',
 *   entity: [number, number], type: number, evtype: number,
 *   unit?: number, format?: 'unsigned'|'signed',
 *   m?: number, b?: number, bexp?: number, rexp?: number,
 *   raw?: number, nominal?: number, min?: number, max?: number,
 *   th?: Thresholds, hyst?: [number, number],
 *   states?: number[], stateMask?: number,
 *   scanning?: boolean,
 * }} SensorDef
 */

/** @type {SensorDef[]} */
export const SENSORS = [
  // --- event-only: ipmi_sim uses sensor 0 for watchdog events -------------
  { num: 0x00, name: 'Watchdog', kind: 'eventonly', entity: [0x2e, 1], type: 0x23, evtype: 0x6f, stateMask: 0x010f },

  // --- temperatures (degrees C, M=1) --------------------------------------
  { num: 0x01, name: 'CPU1 Temp', kind: 'full', entity: [0x03, 1], type: 0x01, evtype: 0x01, unit: 1,
    raw: 45, nominal: 50, th: { unc: 85, ucr: 95, unr: 105 }, hyst: [2, 2] },
  // at upper non-critical (88 >= 85): "nc" / "unc"
  { num: 0x02, name: 'CPU2 Temp', kind: 'full', entity: [0x03, 2], type: 0x01, evtype: 0x01, unit: 1,
    raw: 88, nominal: 50, th: { unc: 85, ucr: 95, unr: 105 }, hyst: [2, 2] },
  // two's complement reading format (values kept positive: ipmi_sim compares raw bytes unsigned)
  { num: 0x03, name: 'Inlet Temp', kind: 'full', entity: [0x37, 1], type: 0x01, evtype: 0x01, unit: 1, format: 'signed',
    raw: 23, nominal: 22, min: 0x80, max: 0x7f, th: { lnc: 5, lcr: 2, unc: 40, ucr: 45, unr: 50 }, hyst: [1, 1] },
  { num: 0x04, name: 'Exhaust Temp', kind: 'full', entity: [0x07, 1], type: 0x01, evtype: 0x01, unit: 1,
    raw: 35, th: { unc: 60, ucr: 70 }, hyst: [2, 2] },
  // scanning disabled: ipmitool shows "disabled" / "Disabled"
  { num: 0x05, name: 'PCH Temp', kind: 'full', entity: [0x07, 1], type: 0x01, evtype: 0x01, unit: 1,
    raw: 52, th: { unc: 90, ucr: 100 }, hyst: [2, 2], scanning: false },

  // --- fans (RPM, M=60) ---------------------------------------------------
  { num: 0x10, name: 'FAN1', kind: 'full', entity: [0x1d, 1], type: 0x04, evtype: 0x01, unit: 18, m: 60,
    raw: 90, th: { lnr: 5, lcr: 10, lnc: 20 }, hyst: [1, 1] },
  { num: 0x11, name: 'FAN2', kind: 'full', entity: [0x1d, 2], type: 0x04, evtype: 0x01, unit: 18, m: 60,
    raw: 88, th: { lnr: 5, lcr: 10, lnc: 20 }, hyst: [1, 1] },
  { num: 0x12, name: 'FAN3', kind: 'full', entity: [0x1d, 3], type: 0x04, evtype: 0x01, unit: 18, m: 60,
    raw: 89, th: { lnr: 5, lcr: 10, lnc: 20 }, hyst: [1, 1] },
  // below lower critical (480 <= 600 RPM): "cr" / "lcr"
  { num: 0x13, name: 'FAN4', kind: 'full', entity: [0x1d, 4], type: 0x04, evtype: 0x01, unit: 18, m: 60,
    raw: 8, th: { lnr: 5, lcr: 10, lnc: 20 }, hyst: [1, 1] },

  // --- voltages -------------------------------------------------------------
  { num: 0x20, name: '12V', kind: 'full', entity: [0x07, 1], type: 0x02, evtype: 0x01, unit: 4, m: 6, rexp: -2,
    raw: 202, nominal: 200, th: { lnr: 170, lcr: 180, lnc: 190, unc: 210, ucr: 220, unr: 230 } },
  // uses the B offset: y = (2x + 400) / 100
  { num: 0x21, name: '5V', kind: 'full', entity: [0x07, 1], type: 0x02, evtype: 0x01, unit: 4, m: 2, b: 400, rexp: -2,
    raw: 52, nominal: 50, th: { lcr: 25, lnc: 37, unc: 63, ucr: 75 } },
  { num: 0x22, name: '3.3V', kind: 'full', entity: [0x07, 1], type: 0x02, evtype: 0x01, unit: 4, m: 2, rexp: -2,
    raw: 165, nominal: 165, th: { lcr: 150, lnc: 157, unc: 173, ucr: 180 } },
  { num: 0x23, name: 'VBAT', kind: 'full', entity: [0x07, 1], type: 0x02, evtype: 0x01, unit: 4, m: 2, rexp: -2,
    raw: 151, th: { lcr: 125, lnc: 135 } },

  // --- power / current ----------------------------------------------------
  { num: 0x30, name: 'PSU1 Power', kind: 'full', entity: [0x0a, 1], type: 0x08, evtype: 0x01, unit: 6, m: 4,
    raw: 80, th: { unc: 200, ucr: 225 } },
  { num: 0x31, name: 'PSU1 Current', kind: 'full', entity: [0x0a, 1], type: 0x03, evtype: 0x01, unit: 5, m: 1, rexp: -1,
    raw: 26, th: { unc: 100, ucr: 120 } },

  // --- discrete (compact records) -----------------------------------------
  { num: 0x40, name: 'PS1 Status', kind: 'compact', entity: [0x0a, 1], type: 0x08, evtype: 0x6f, stateMask: 0x007f, states: [0] },
  { num: 0x41, name: 'PS2 Status', kind: 'compact', entity: [0x0a, 2], type: 0x08, evtype: 0x6f, stateMask: 0x007f, states: [0, 1] },
  { num: 0x50, name: 'Intrusion', kind: 'compact', entity: [0x17, 1], type: 0x05, evtype: 0x6f, stateMask: 0x007f, states: [] },
  { num: 0x51, name: 'Drive 0', kind: 'compact', entity: [0x04, 1], type: 0x0d, evtype: 0x6f, stateMask: 0x01ff, states: [0] },
  { num: 0x52, name: 'PSU Redundancy', kind: 'compact', entity: [0x15, 1], type: 0x09, evtype: 0x0b, stateMask: 0x00ff, states: [0] },
  { num: 0x53, name: 'CPU1 Status', kind: 'compact', entity: [0x03, 1], type: 0x07, evtype: 0x6f, stateMask: 0x07ff, states: [7] },
];

/** FRU device 1 (behind the FRU device locator record). */
/** @type {{ id: number, name: string, entity: [number, number] }} */
export const FRU_LOCATOR = { id: 1, name: 'PSU1 FRU', entity: [0x0a, 1] };
/** MC device locator record for the BMC itself. */
/** @type {{ name: string, entity: [number, number] }} */
export const MC_LOCATOR = { name: 'BMC', entity: [0x06, 1] };

// ---------------------------------------------------------------------------
// SDR encoding (IPMI v2.0 section 43)
// ---------------------------------------------------------------------------

/** @param {string} s */
function idString(s) {
  const b = Buffer.from(s, 'latin1');
  if (b.length > 16) throw new Error(`SDR id string too long: ${s}`);
  return [0xc0 | b.length, ...b];
}

/** @param {number} type @param {number[]} body */
function sdrRecord(type, body) {
  // record id (assigned by ipmi_sim), SDR version 1.5, type, length
  return [0x00, 0x00, 0x51, type, body.length, ...body];
}

const TH_ORDER = /** @type {const} */ (['lnc', 'lcr', 'lnr', 'unc', 'ucr', 'unr']);

/** @param {Thresholds} th  bit i set when threshold TH_ORDER[i] exists */
function thresholdMask(th) {
  let mask = 0;
  TH_ORDER.forEach((k, i) => { if (th[k] !== undefined) mask |= 1 << i; });
  return mask;
}

/**
 * Assertion events we support for a threshold sensor: "going low" for lower
 * thresholds and "going high" for upper ones (bit 2*i resp. 2*i+1).
 * @param {number} tmask
 */
function thresholdEventMask(tmask) {
  let ev = 0;
  for (let i = 0; i < 3; i++) if (tmask & (1 << i)) ev |= 1 << (2 * i);
  for (let i = 3; i < 6; i++) if (tmask & (1 << i)) ev |= 1 << (2 * i + 1);
  return ev;
}

/** @param {SensorDef} s */
export function sensorSdr(s) {
  const [eid, einst] = s.entity;
  const scanning = s.scanning !== false;
  // init scanning, init events, init sensor type, events enabled, scanning enabled
  const init = 0x40 | 0x20 | 0x04 | 0x02 | (scanning ? 0x01 : 0x00);
  if (s.kind === 'eventonly') {
    return sdrRecord(0x03, [
      BMC_ADDR, 0x00, s.num, eid, einst, s.type, s.evtype,
      0x01, 0x00, // record sharing: 1 sensor
      0x00, 0x00, // reserved, OEM
      ...idString(s.name),
    ]);
  }
  if (s.kind === 'compact') {
    const mask = s.stateMask ?? 0;
    return sdrRecord(0x02, [
      BMC_ADDR, 0x00, s.num, eid, einst,
      init,
      0x40, // auto re-arm, no hysteresis, no thresholds, per-state event control
      s.type, s.evtype,
      mask & 0xff, (mask >> 8) & 0x7f, // assertion events
      mask & 0xff, (mask >> 8) & 0x7f, // deassertion events
      mask & 0xff, (mask >> 8) & 0x7f, // discrete reading mask
      0xc0, 0x00, 0x00, // units: no analog reading, unspecified
      0x01, 0x00, // record sharing
      0x00, 0x00, // hysteresis
      0x00, 0x00, 0x00, 0x00, // reserved x3, OEM
      ...idString(s.name),
    ]);
  }
  // full sensor record, threshold based
  const th = s.th ?? {};
  const tmask = thresholdMask(th);
  const ev = thresholdEventMask(tmask);
  const lowerRead = ((tmask & 1) ? 1 : 0) | ((tmask & 2) ? 2 : 0) | ((tmask & 4) ? 4 : 0);
  const upperRead = ((tmask & 8) ? 1 : 0) | ((tmask & 16) ? 2 : 0) | ((tmask & 32) ? 4 : 0);
  const m = s.m ?? 1, b = s.b ?? 0, rexp = s.rexp ?? 0, bexp = s.bexp ?? 0;
  const fmt = s.format === 'signed' ? 0x80 : 0x00;
  const hyst = s.hyst;
  const caps = 0x40 | (hyst ? 0x10 : 0x00) | 0x08; // auto re-arm, hysteresis readable, thresholds readable+settable
  const analogFlags = s.nominal !== undefined ? 0x01 : 0x00;
  return sdrRecord(0x01, [
    BMC_ADDR, 0x00, s.num, eid, einst,
    init | 0x10 | (hyst ? 0x08 : 0x00), // + init thresholds / hysteresis
    caps,
    s.type, s.evtype,
    ev & 0xff, ((ev >> 8) & 0x0f) | (lowerRead << 4),
    ev & 0xff, ((ev >> 8) & 0x0f) | (upperRead << 4),
    tmask, tmask, // readable, settable
    fmt, s.unit ?? 0, 0x00, // units 1 (format, no rate/modifier), base unit, modifier unit
    0x00, // linear
    m & 0xff, (m >> 2) & 0xc0, // M, tolerance 0
    b & 0xff, (b >> 2) & 0xc0, // B, accuracy 0
    0x00, // accuracy, accuracy exp, direction unspecified
    ((rexp & 0x0f) << 4) | (bexp & 0x0f),
    analogFlags,
    s.nominal ?? 0, 0x00, 0x00, // nominal, normal max, normal min
    s.max ?? 0xff, s.min ?? 0x00, // sensor max / min reading
    th.unr ?? 0, th.ucr ?? 0, th.unc ?? 0, th.lnr ?? 0, th.lcr ?? 0, th.lnc ?? 0,
    hyst ? hyst[0] : 0, hyst ? hyst[1] : 0,
    0x00, 0x00, 0x00, // reserved x2, OEM
    ...idString(s.name),
  ]);
}

export function mcLocatorSdr() {
  return sdrRecord(0x12, [
    BMC_ADDR, 0x00, // slave address, channel 0
    0x00, // ACPI / global init: enable event msg generation, no logging of init errors
    0x9f, // chassis, IPMB event receiver, FRU inventory, SEL, SDR repository, sensor device
    0x00, 0x00, 0x00, // reserved
    MC_LOCATOR.entity[0], MC_LOCATOR.entity[1],
    0x00, // OEM
    ...idString(MC_LOCATOR.name),
  ]);
}

export function fruLocatorSdr() {
  return sdrRecord(0x11, [
    BMC_ADDR, // device access address (the MC)
    FRU_LOCATOR.id, // FRU device id
    0x80, // logical FRU device, LUN 0, private bus 0
    0x00, // channel 0
    0x00, // reserved
    0x10, 0x00, // device type: FRU inventory behind MC, modifier 0
    FRU_LOCATOR.entity[0], FRU_LOCATOR.entity[1],
    0x00, // OEM
    ...idString(FRU_LOCATOR.name),
  ]);
}

/** All SDR records in repository order. */
export function allSdrs() {
  return [mcLocatorSdr(), ...SENSORS.map(sensorSdr), fruLocatorSdr()];
}

// ---------------------------------------------------------------------------
// Emulation command file
// ---------------------------------------------------------------------------

/** @param {number} v */
const hex = (v) => '0x' + v.toString(16).padStart(2, '0');
/** @param {number} mask @param {number} bits */
const bitstr = (mask, bits) => mask.toString(2).padStart(bits, '0');

/** @param {SensorDef} s */
function sensorCommands(s) {
  const a = hex(BMC_ADDR);
  const n = hex(s.num);
  const out = [];
  out.push(`# ${s.name}`);
  if (s.kind === 'eventonly') {
    out.push(`sensor_add ${a} 0 ${n} ${hex(s.type)} ${hex(s.evtype)} event-only`);
    const m = bitstr(s.stateMask ?? 0, 15);
    out.push(`sensor_set_event_support ${a} 0 ${n} enable scanning per-state ${m} 000000000000000 ${m} 000000000000000`);
    return out;
  }
  out.push(`sensor_add ${a} 0 ${n} ${hex(s.type)} ${hex(s.evtype)}`);
  const scan = s.scanning === false ? 'no-scanning' : 'scanning';
  if (s.kind === 'compact') {
    const m = bitstr(s.stateMask ?? 0, 15);
    out.push(`sensor_set_event_support ${a} 0 ${n} enable ${scan} per-state ${m} ${m} ${m} ${m}`);
    for (const bit of s.states ?? []) out.push(`sensor_set_bit ${a} 0 ${n} ${bit} 1 0`);
    return out;
  }
  const th = s.th ?? {};
  const tmask = thresholdMask(th);
  // values: value5 (unr) .. value0 (lnc)
  const vals = [...TH_ORDER].reverse().map((k) => hex(th[k] ?? 0)).join(' ');
  out.push(`sensor_set_threshold ${a} 0 ${n} settable ${bitstr(tmask, 6)} ${vals}`);
  if (s.hyst) out.push(`sensor_set_hysteresis ${a} 0 ${n} readable ${s.hyst[0]} ${s.hyst[1]}`);
  const ev = bitstr(thresholdEventMask(tmask), 15);
  out.push(`sensor_set_event_support ${a} 0 ${n} enable ${scan} per-state ${ev} ${ev} ${ev} ${ev}`);
  out.push(`sensor_set_value ${a} 0 ${n} ${hex(s.raw ?? 0)} 0`);
  return out;
}

/**
 * @param {{ fru0Path: string, fru1Path: string, fruSize?: number, extraEmu?: string }} o
 * @returns {string}
 */
export function renderEmu(o) {
  const a = hex(BMC_ADDR);
  const size = o.fruSize ?? FRU_SIZE;
  const lines = [
    '# Generated by test/sim/content.mjs (do not edit the copy in the temp dir).',
    `mc_setbmc ${a}`,
    // ipmb, device id, device sdrs, device revision, fw major, fw minor (BCD),
    // device support, manufacturer id (IANA 4753 = MontaVista, author of ipmi_sim), product id
    `mc_add ${a} 0x20 no-device-sdrs 0x03 2 0x45 0x9f 4753 0x5253`,
    `sel_enable ${a} 1000 0x0a`,
    '',
    ...SENSORS.flatMap(sensorCommands),
    '',
    '# SDR repository',
    ...allSdrs().map((r) => `main_sdr_add ${a} ${r.map(hex).join(' ')}`),
    '',
    '# FRU 0 (builtin) and FRU 1 (behind the FRU device locator)',
    `mc_add_fru_data ${a} 0 ${size} file 0 "${o.fru0Path}"`,
    `mc_add_fru_data ${a} ${FRU_LOCATOR.id} ${size} file 0 "${o.fru1Path}"`,
    '',
    `mc_enable ${a}`,
  ];
  if (o.extraEmu) lines.push('', '# extraEmu', o.extraEmu);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// lan.conf
// ---------------------------------------------------------------------------

/** @type {Record<string, string>} */
const PRIV_WORD = { callback: 'callback', user: 'user', operator: 'operator', admin: 'admin' };

/** @param {string} s @param {string} what */
function confString(s, what) {
  if (/["\s\\]/.test(s)) throw new Error(`${what} must not contain quotes, backslashes or blanks: ${JSON.stringify(s)}`);
  return `"${s}"`;
}

/**
 * Fill lan.conf.in.  Placeholders are upper-case words between at-signs.
 * @param {string} template
 * @param {{ name: string, host: string, port: number, consolePort: number, guidHex: string,
 *           kg?: string, chassisControl: string, lanConfig: string, solDevice?: string,
 *           users?: import('./simlib.d.mts').SimUser[] }} v
 */
export function renderLanConf(template, v) {
  const users = (v.users ?? USERS).map((u) => {
    if (u.name.length > 16) throw new Error(`user name too long: ${u.name}`);
    if (u.password.length > 19) throw new Error(`password too long for ipmi_sim (max 19): ${u.name}`);
    return `  user ${u.id} ${u.enabled ? 'true ' : 'false'} ${confString(u.name, 'user name')} ` +
      `${confString(u.password, 'password')} ${PRIV_WORD[u.priv]} 10 none md2 md5 straight`;
  }).join('\n');
  let kgLine = '    # no BMC key (Kg): RMCP+ uses the user password as K_G';
  if (v.kg !== undefined) {
    if (v.kg.length < 1 || v.kg.length > 19) throw new Error('kg must be 1..19 ASCII characters (ipmi_sim keeps at most 19)');
    kgLine = `    bmc_key ${confString(v.kg, 'kg')}`;
  }
  const solLine = v.solDevice ? `  sol ${confString(v.solDevice, 'SOL device')} 115200` : '  # no SOL device (startSim({ sol: true }) adds one)';
  /** @type {Record<string, string>} */
  const vars = {
    NAME: v.name,
    HOST: v.host,
    PORT: String(v.port),
    CONSOLE_PORT: String(v.consolePort),
    GUID: v.guidHex,
    BMC_KEY: kgLine,
    CHASSIS_CONTROL: v.chassisControl,
    LAN_CONFIG: v.lanConfig,
    USERS: users,
    SOL: solLine,
    VM: v.vmPort ? `serial kcs ${v.host} ${v.vmPort} codec VM` : '# no VM system interface (startSim({ vmPort }) adds one)',
  };
  const out = template.replace(/@([A-Z_]+)@/g, (m, k) => {
    const r = vars[k];
    if (r === undefined) throw new Error(`lan.conf.in: unknown placeholder ${m}`);
    return r;
  });
  return out;
}

// ---------------------------------------------------------------------------
// FRU images (Platform Management FRU Information Storage Definition v1.0)
// ---------------------------------------------------------------------------

/** @param {number[]} bytes */
const zeroChecksum = (bytes) => (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;

/**
 * A type/length field (FRU spec §13): a string is 8-bit ASCII/Latin-1; { bcd } is BCD plus
 * (digits, space, dash, period; high nibble first), { ascii6 } 6-bit packed ASCII
 * (characters 20h-5Fh), { binary } raw bytes.
 * @param {string | { bcd: string } | { ascii6: string } | { binary: number[] }} f
 */
function tl(f) {
  /** @type {number[]} */
  let b;
  let type = 3;
  if (typeof f === 'string') b = [...Buffer.from(f, 'latin1')];
  else if ('bcd' in f) {
    type = 1;
    const digits = f.bcd.length % 2 ? `${f.bcd} ` : f.bcd;
    b = [];
    for (let i = 0; i < digits.length; i += 2) b.push(('0123456789 -.'.indexOf(digits[i]) << 4) | '0123456789 -.'.indexOf(digits[i + 1]));
  } else if ('ascii6' in f) {
    type = 2;
    b = new Array(Math.ceil((f.ascii6.length * 6) / 8)).fill(0);
    [...f.ascii6].forEach((c, i) => {
      const v = (c.charCodeAt(0) - 0x20) << ((i * 6) & 7);
      b[(i * 6) >> 3] |= v & 0xff;
      if (v > 0xff) b[((i * 6) >> 3) + 1] |= v >> 8;
    });
  } else {
    type = 0;
    b = f.binary;
  }
  if (b.length > 63) throw new Error('FRU field too long');
  return [(type << 6) | b.length, ...b];
}

/** Pad an info area (version, length, ...fields, C1) to 8 bytes and checksum it. @param {number[]} body */
function infoArea(body) {
  const a = [0x01, 0x00, ...body, 0xc1];
  while ((a.length + 1) % 8 !== 0) a.push(0x00);
  a[1] = (a.length + 1) / 8;
  a.push(zeroChecksum(a));
  return a;
}

/** Minutes since 1996-01-01 00:00 UTC, 3 bytes LE. @param {Date} d */
function fruDate(d) {
  const mins = Math.round((d.getTime() - Date.UTC(1996, 0, 1)) / 60000);
  return [mins & 0xff, (mins >> 8) & 0xff, (mins >> 16) & 0xff];
}

/** @param {number} type @param {number[]} data @param {boolean} last */
function multiRecord(type, data, last) {
  const hdr = [type, 0x02 | (last ? 0x80 : 0x00), data.length, zeroChecksum(data)];
  return [...hdr, zeroChecksum(hdr), ...data];
}

/**
 * @typedef {{
 *   internal: number[],
 *   chassis: { type: number, part: string, serial: string, extra: string[] },
 *   board: { date: Date, mfg: string, product: string, serial: string, part: string, fileId: string, extra: string[] },
 *   product: { mfg: string, name: string, part: string, version: string, serial: string, asset: string, fileId: string, extra: string[] },
 *   multi: Array<{ type: number, data: number[] }>,
 * }} FruDef
 */

/** Size of each FRU device as reported by Get FRU Inventory Area Info. */
export const FRU_SIZE = 512;

/** The FRU image zero-padded to FRU_SIZE (what ipmi_sim serves). @param {FruDef} f */
export function fruImage(f) {
  const raw = buildFru(f);
  if (raw.length > FRU_SIZE) throw new Error(`FRU image (${raw.length} bytes) larger than FRU_SIZE`);
  return Buffer.concat([raw, Buffer.alloc(FRU_SIZE - raw.length)]);
}

/** The FRU image without padding. @param {FruDef} f @returns {Buffer} */
export function buildFru(f) {
  const internal = [0x01, ...f.internal];
  while (internal.length % 8 !== 0) internal.push(0x00);
  const chassis = infoArea([f.chassis.type, ...tl(f.chassis.part), ...tl(f.chassis.serial), ...f.chassis.extra.flatMap(tl)]);
  const b = f.board;
  const board = infoArea([0x00, ...fruDate(b.date), ...tl(b.mfg), ...tl(b.product), ...tl(b.serial), ...tl(b.part), ...tl(b.fileId), ...b.extra.flatMap(tl)]);
  const p = f.product;
  const product = infoArea([0x00, ...tl(p.mfg), ...tl(p.name), ...tl(p.part), ...tl(p.version), ...tl(p.serial), ...tl(p.asset), ...tl(p.fileId), ...p.extra.flatMap(tl)]);
  const multi = f.multi.flatMap((r, i) => multiRecord(r.type, r.data, i === f.multi.length - 1));
  const offs = [];
  let pos = 8;
  for (const area of [internal, chassis, board, product]) { offs.push(pos / 8); pos += area.length; }
  offs.push(pos / 8);
  const header = [0x01, ...offs, 0x00];
  header.push(zeroChecksum(header));
  return Buffer.from([...header, ...internal, ...chassis, ...board, ...product, ...multi]);
}

/** Little-endian 16-bit. @param {number} v */
const le16 = (v) => [v & 0xff, (v >> 8) & 0xff];

/** Power Supply Information multirecord (type 0x00), 24 bytes. */
function psuInfoRecord() {
  return [
    ...le16(800), // overall capacity 800 W
    ...le16(0xffff), // peak VA: not specified
    0x0a, // inrush current 10 A
    0x05, // inrush interval 5 ms
    ...le16(9000), ...le16(26400), // input voltage range 1: 90.00 V .. 264.00 V (10 mV units)
    ...le16(0), ...le16(0), // input voltage range 2: unused
    47, 63, // input frequency 47..63 Hz
    20, // AC dropout tolerance 20 ms
    0x0e, // flags: hot swap, autoswitch, power factor correction
    ...le16((1 << 12) | 900), // peak wattage: hold-up 1 s, 900 W
    0x02, ...le16(0), // combined wattage: voltages 12 V / 5 V, total 0 (not specified)
    0x00, // predictive fail tachometer lower threshold
  ];
}

/** DC Output multirecord (type 0x01), 13 bytes. */
function dcOutputRecord() {
  return [
    0x01, // output number 1, not standby
    ...le16(1200), // nominal voltage 12.00 V (10 mV)
    ...le16(1140), // max negative deviation 11.40 V
    ...le16(1260), // max positive deviation 12.60 V
    ...le16(50), // ripple and noise 50 mV
    ...le16(0), // minimum current draw 0 mA
    ...le16(60000), // maximum current draw 60 A
  ];
}

/** OEM multirecord (type 0xC0): manufacturer id + data. */
function oemRecord() {
  return [0x91, 0x12, 0x00, ...Buffer.from('ipmits-sim', 'latin1')];
}

export const FRU0 = {
  internal: [0x49, 0x50, 0x4d, 0x49, 0x54, 0x53, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08],
  chassis: { type: 0x17, part: 'CH-4711-01', serial: 'CSN0001234', extra: ['Rack 12 U7'] },
  board: { date: new Date(Date.UTC(2023, 5, 1, 10, 0, 0)), mfg: 'ipmits Labs', product: 'SIM-MB-1000',
    serial: 'MB1234567890', part: '900-0001-01', fileId: 'fru0.bin', extra: ['Rev A2'] },
  product: { mfg: 'ipmits Labs', name: 'Simulated Server', part: 'SIM-1000-A', version: '1.0',
    serial: 'SN0000001', asset: 'ASSET-0042', fileId: 'fru0.bin', extra: ['Built for tests'] },
  multi: [
    { type: 0x01, data: dcOutputRecord() },
    { type: 0xc0, data: oemRecord() },
  ],
};

export const FRU1 = {
  internal: [0x50, 0x53, 0x55, 0x00, 0xaa, 0x55, 0xaa],
  // Extra fields in the other encodings: BCD plus, 6-bit packed ASCII, binary. The
  // one-character version "B" has type/length C1h, the end-of-fields code (a fixed field all the same).
  chassis: { type: 0x17, part: 'CH-4711-01', serial: 'CSN0001234', extra: [{ bcd: '2022-11.15' }] },
  board: { date: new Date(Date.UTC(2022, 10, 15, 8, 30, 0)), mfg: 'PowerCo', product: 'PSU-800W',
    serial: 'PSB00098765', part: '300-0800-02', fileId: 'fru1.bin', extra: [{ ascii6: 'PSU REV 3' }] },
  product: { mfg: 'PowerCo', name: 'PSU 800W Platinum', part: 'PWS-801P', version: 'B',
    serial: 'PS0000777', asset: 'PSU-A', fileId: 'fru1.bin', extra: [{ binary: [0xca, 0xfe, 0x01] }] },
  multi: [
    { type: 0x00, data: psuInfoRecord() },
    { type: 0x01, data: dcOutputRecord() },
  ],
};

// ---------------------------------------------------------------------------
// SEL seed
// ---------------------------------------------------------------------------

/** First seeded event: 2024-03-01 08:00:00 UTC. */
export const SEL_BASE_TIME = Date.UTC(2024, 2, 1, 8, 0, 0) / 1000;

/**
 * Each entry is written by the harness with Set SEL Time (time) followed by
 * Add SEL Entry, so ipmi_sim stamps it with that time (it always overwrites
 * the timestamp of record types < 0xE0).  `data` are the 13 bytes after the
 * record type; for timestamped records bytes 0-3 are ignored (left 0).
 * @typedef {{ time: number, type: number, data: number[], note: string }} SelSeed
 */

/**
 * System event record body (13 bytes): timestamp, generator id, EvM rev,
 * sensor type, sensor number, event dir|type, event data 1-3.
 * @param {number} gen @param {number} stype @param {number} snum @param {number} dirType
 * @param {number} d1 @param {number} d2 @param {number} d3
 */
const sys = (gen, stype, snum, dirType, d1, d2, d3) => [0, 0, 0, 0, gen & 0xff, gen >> 8, 0x04, stype, snum, dirType, d1, d2, d3];

const H = 3600, M = 60;

/** @type {SelSeed[]} */
export const SEL_SEED = [
  { time: 0, type: 0x02, data: sys(0x0020, 0x12, 0x72, 0x6f, 0x05, 0xff, 0xff), note: 'System Event: Timestamp Clock Sync' },
  { time: 5 * M, type: 0x02, data: sys(0x0001, 0x0f, 0x00, 0x6f, 0xc2, 0x13, 0xff), note: 'System Firmware Progress (BIOS sw id 0x01)' },
  { time: 6 * M, type: 0x02, data: sys(0x0020, 0x08, 0x40, 0x6f, 0x00, 0xff, 0xff), note: 'PS1 Status: Presence detected' },
  { time: 6 * M + 1, type: 0x02, data: sys(0x0020, 0x08, 0x41, 0x6f, 0x00, 0xff, 0xff), note: 'PS2 Status: Presence detected' },
  { time: 1 * H, type: 0x02, data: sys(0x0020, 0x01, 0x02, 0x01, 0x57, 86, 85), note: 'CPU2 Temp: UNC going high, asserted' },
  { time: 1 * H + 30, type: 0x02, data: sys(0x0020, 0x01, 0x02, 0x01, 0x59, 96, 95), note: 'CPU2 Temp: UCR going high, asserted' },
  { time: 1 * H + 90, type: 0x02, data: sys(0x0020, 0x01, 0x02, 0x81, 0x59, 93, 95), note: 'CPU2 Temp: UCR going high, deasserted' },
  { time: 2 * H, type: 0x02, data: sys(0x0020, 0x04, 0x13, 0x01, 0x50, 19, 20), note: 'FAN4: LNC going low, asserted' },
  { time: 2 * H + 10, type: 0x02, data: sys(0x0020, 0x04, 0x13, 0x01, 0x52, 8, 10), note: 'FAN4: LCR going low, asserted' },
  { time: 3 * H, type: 0x02, data: sys(0x0020, 0x02, 0x20, 0x01, 0x52, 179, 180), note: '12V: LCR going low, asserted' },
  { time: 3 * H + 5, type: 0x02, data: sys(0x0020, 0x02, 0x20, 0x81, 0x52, 200, 180), note: '12V: LCR going low, deasserted' },
  { time: 4 * H, type: 0x02, data: sys(0x0020, 0x08, 0x41, 0x6f, 0x01, 0xff, 0xff), note: 'PS2 Status: Failure detected' },
  { time: 4 * H + 2, type: 0x02, data: sys(0x0020, 0x09, 0x52, 0x0b, 0x01, 0xff, 0xff), note: 'PSU Redundancy: Redundancy lost' },
  { time: 5 * H, type: 0x02, data: sys(0x0020, 0x05, 0x50, 0x6f, 0x00, 0xff, 0xff), note: 'Intrusion: General Chassis intrusion, asserted' },
  { time: 5 * H + 120, type: 0x02, data: sys(0x0020, 0x05, 0x50, 0xef, 0x00, 0xff, 0xff), note: 'Intrusion: deasserted' },
  { time: 6 * H, type: 0x02, data: sys(0x0020, 0x0d, 0x51, 0x6f, 0x01, 0xff, 0xff), note: 'Drive 0: Drive Fault' },
  { time: 7 * H, type: 0x02, data: sys(0x0020, 0x23, 0x00, 0x6f, 0xc1, 0x04, 0xff), note: 'Watchdog: Hard reset (data2: SMS/OS timer use)' },
  { time: 7 * H + 3, type: 0x02, data: sys(0x0020, 0x07, 0x53, 0x6f, 0x00, 0xff, 0xff), note: 'CPU1 Status: IERR' },
  { time: 8 * H, type: 0x02, data: sys(0x0001, 0x0c, 0x60, 0x6f, 0xa0, 0xff, 0x03), note: 'Memory: Correctable ECC (sensor 0x60 has no SDR)' },
  { time: 8 * H + 1, type: 0x02, data: sys(0x0020, 0x10, 0x70, 0x6f, 0x02, 0xff, 0xff), note: 'Event Logging Disabled: Log area reset/cleared' },
  { time: 9 * H, type: 0x02, data: sys(0x0020, 0x14, 0x71, 0x6f, 0x00, 0xff, 0xff), note: 'Button: Power Button pressed' },
  { time: 9 * H + 30, type: 0x02, data: sys(0x0020, 0x03, 0x31, 0x01, 0x57, 101, 100), note: 'PSU1 Current: UNC going high' },
  { time: 10 * H, type: 0xc0, data: [0, 0, 0, 0, 0x91, 0x12, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x01, 0x02], note: 'OEM timestamped C0' },
  { time: 10 * H + 1, type: 0xdf, data: [0, 0, 0, 0, 0x57, 0x01, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66], note: 'OEM timestamped DF' },
  { time: 10 * H + 2, type: 0xe0, data: [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d], note: 'OEM non-timestamped E0' },
  { time: 10 * H + 3, type: 0xff, data: [0xf0, 0xe1, 0xd2, 0xc3, 0xb4, 0xa5, 0x96, 0x87, 0x78, 0x69, 0x5a, 0x4b, 0x3c], note: 'OEM non-timestamped FF' },
];
