/**
 * Channel facts as ipmitool names them (lib/ipmi_strings.c): medium types (IPMI v2.0 §6.5
 * Table 6-3), protocol types (Table 6-2), session support (§22.24), access modes (§22.22),
 * and user enable status (§22.27); privilege levels are in privilege.ts.
 */

export const ChannelMedium = { Reserved: 0x00, Lan: 0x04, Serial: 0x05, OtherLan: 0x06, System: 0x0c } as const;

export const channelMediumNames: Readonly<Record<number, string>> = {
  0x00: 'reserved',
  0x01: 'IPMB (I2C)',
  0x02: 'ICMB v1.0',
  0x03: 'ICMB v0.9',
  0x04: '802.3 LAN',
  0x05: 'Serial/Modem',
  0x06: 'Other LAN',
  0x07: 'PCI SMBus',
  0x08: 'SMBus v1.0/v1.1',
  0x09: 'SMBus v2.0',
  0x0a: 'USB 1.x',
  0x0b: 'USB 2.x',
  0x0c: 'System Interface',
};

export const channelProtocolNames: Readonly<Record<number, string>> = {
  0x00: 'reserved',
  0x01: 'IPMB-1.0',
  0x02: 'ICMB-1.0',
  0x03: 'reserved',
  0x04: 'IPMI-SMBus',
  0x05: 'KCS',
  0x06: 'SMIC',
  0x07: 'BT-10',
  0x08: 'BT-15',
  0x09: 'TMode',
  0x1c: 'OEM 1',
  0x1d: 'OEM 2',
  0x1e: 'OEM 3',
  0x1f: 'OEM 4',
};

export const isLanMedium = (medium: number): boolean => medium === ChannelMedium.Lan || medium === ChannelMedium.OtherLan;

/** Get Channel Info byte 4 bits 7:6 (unshifted). */
export const sessionSupportNames: Readonly<Record<number, string>> = {
  0x00: 'session-less',
  0x40: 'single-session',
  0x80: 'multi-session',
  0xc0: 'session-based',
};

export const accessModeNames: readonly string[] = ['disabled', 'pre-boot only', 'always available', 'shared'];

/** Get User Access byte 2 bits 7:6 (unshifted). */
export const userEnableStatusNames: Readonly<Record<number, string>> = { 0x00: 'unknown', 0x40: 'enabled', 0x80: 'disabled', 0xc0: 'reserved' };

/** Session/channel activity types of a serial session (Get Session Info, §22.20). */
export const channelActivityTypeNames: Readonly<Record<number, string>> = {
  0: 'IPMI Messaging session active',
  1: 'Callback Messaging session active',
  2: 'Dial-out Alert active',
  3: 'TAP Page Active',
};

/** Cipher suite algorithm names (§13.28, Tables 13-17..13-19) as ipmitool prints them. */
export const authAlgorithmNames: Readonly<Record<number, string>> = { 0: 'none', 1: 'hmac_sha1', 2: 'hmac_md5', 3: 'hmac_sha256' };
export const integrityAlgorithmNames: Readonly<Record<number, string>> = { 0: 'none', 1: 'hmac_sha1_96', 2: 'hmac_md5_128', 3: 'md5_128', 4: 'sha256_128' };
export const confidentialityAlgorithmNames: Readonly<Record<number, string>> = { 0: 'none', 1: 'aes_cbc_128', 2: 'xrc4_128', 3: 'xrc4_40' };

/** IPMI v1.5 authentication type bits (§22.13, Table 22-15 byte 2), in ipmitool's order. */
export const authTypeBits: readonly { bit: number; name: string }[] = [
  { bit: 0x01, name: 'NONE' },
  { bit: 0x02, name: 'MD2' },
  { bit: 0x04, name: 'MD5' },
  { bit: 0x10, name: 'PASSWORD' },
  { bit: 0x20, name: 'OEM' },
];

/** "NONE MD2 MD5 PASSWORD " with ipmitool's trailing space. */
export const authTypeList = (bits: number): string =>
  authTypeBits
    .filter((t) => bits & t.bit)
    .map((t) => `${t.name} `)
    .join('');
