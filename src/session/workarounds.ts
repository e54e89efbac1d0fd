/**
 * -W: the workarounds for BMCs that break the protocol that the session and transport code
 * knows, by FreeIPMI's names (their descriptions and the -W parser: src/runtime/workarounds.ts).
 */
export type Workaround =
  | 'authcap'
  | 'idzero'
  | 'unexpectedauth'
  | 'forcepermsg'
  | 'endianseq'
  | 'noauthcodecheck'
  | 'nochecksumcheck'
  | 'intel20'
  | 'supermicro20'
  | 'sun20'
  | 'opensesspriv'
  | 'integritycheckvalue'
  | 'solpayloadsize'
  | 'solport'
  | 'solstatus';
export type Workarounds = ReadonlySet<Workaround>;

export const NO_WORKAROUNDS: Workarounds = new Set();
