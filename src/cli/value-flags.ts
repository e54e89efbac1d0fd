/** Short options that take a value (the letters followed by ':' in ipmitool's getopt string, and ipmits' -W). */
export const VALUE_FLAGS: ReadonlySet<string> = new Set('IoHdPfUpCLAtTmzSlbBekyORNDW'.split(''));
