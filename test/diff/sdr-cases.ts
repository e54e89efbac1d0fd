/** Shared by the sdr and sensor differential tests: argv lists as it.each rows titled by the command line. */
export const named = (cases: string[][]): [string, string[]][] => cases.map((a) => [a.join(' '), a]);
