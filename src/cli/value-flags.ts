/** Short options that take a value (the letters followed by ':' in ipmitool's getopt string). */
export const VALUE_FLAGS: ReadonlySet<string> = new Set('IoHdPfUpCLAtTmzSlbBekyORND'.split(''));
