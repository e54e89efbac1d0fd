/**
 * -W: workarounds for BMCs that break the protocol, by FreeIPMI's names where the behaviour is
 * the same (freeipmi.conf(5), ipmipower(8), ipmiconsole(8)). Some quirks are recognised safely
 * without a flag: the session code then works around them and says so under -v (see
 * docs/compatibility.md, "Workarounds for broken BMCs").
 */
import type { Workaround } from '../session/workarounds.js';

export const WORKAROUNDS = {
  authcap: 'ignore the authentication types Get Channel Authentication Capabilities reports (IPMI v1.5): use -A (or the preferred type) anyway',
  idzero: 'accept a session ID of 0 from Activate Session (IPMI v1.5); also recognised without the flag',
  unexpectedauth: 'check an auth code the BMC sends although per-message authentication is off (IPMI v1.5); also recognised without the flag',
  forcepermsg: 'authenticate every message although the BMC says per-message authentication is off (IPMI v1.5)',
  endianseq: "read the BMC's session sequence numbers in the other byte order (IPMI v1.5)",
  noauthcodecheck: 'do not check the auth codes of replies (IPMI v1.5)',
  nochecksumcheck: 'do not check the IPMI message checksums of replies',
  intel20: 'Intel RMCP+ login: the user name padded to 16 bytes in the RAKP hashes, the password cut to 16 bytes for HMAC-MD5; implies opensesspriv',
  supermicro20: "Supermicro (Peppercon) RMCP+ login: accept a RAKP 2 key exchange auth code longer than its algorithm's (the leading bytes are checked)",
  sun20: 'Sun ILOM RMCP+ login: accept an over-long HMAC-SHA1 RAKP 2 auth code (the leading 20 bytes are checked); implies opensesspriv',
  opensesspriv: 'ask Open Session for the privilege level itself, not "highest", for BMCs that hash the keys with it',
  integritycheckvalue: 'accept a non-empty RAKP 4 integrity check value with cipher suite 0; also recognised without the flag',
  solpayloadsize: 'sol activate: ignore the payload sizes Activate Payload reports; also recognised without the flag',
  solport: "sol activate: ignore the UDP port Activate Payload reports; SOL stays on the session's port",
  solstatus: 'sol activate: do not ask for the payload activation status first',
} as const satisfies Record<Workaround, string>;

/** Flags that bring others with them (FreeIPMI: sun20 and intel20 ask Open Session for the real privilege too). */
const IMPLIES: Partial<Record<Workaround, Workaround[]>> = { sun20: ['opensesspriv'], intel20: ['opensesspriv'] };

const isWorkaround = (name: string): name is Workaround => Object.hasOwn(WORKAROUNDS, name);

/**
 * `-W a,b` (repeatable; "none" clears the ones before it, as FreeIPMI's). Returns the set, or
 * the first name that is not a workaround.
 */
export function parseWorkarounds(value: string, into: Set<Workaround> = new Set()): { set: Set<Workaround> } | { unknown: string } {
  for (const raw of value.split(',')) {
    const name = raw.trim().toLowerCase();
    if (name === '') continue;
    if (name === 'none') {
      into.clear();
      continue;
    }
    if (!isWorkaround(name)) return { unknown: raw.trim() };
    into.add(name);
    for (const w of IMPLIES[name] ?? []) into.add(w);
  }
  return { set: into };
}
