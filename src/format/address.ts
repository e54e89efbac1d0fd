/** Addresses as ipmitool prints them. */

/** Dotted quad. */
export const ipString = (b: ArrayLike<number>): string => `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
/** ipmitool's mac2str: lower-case, colon separated. */
export const macString = (b: ArrayLike<number>): string => Array.from({ length: 6 }, (_, i) => (b[i] ?? 0).toString(16).padStart(2, '0')).join(':');
