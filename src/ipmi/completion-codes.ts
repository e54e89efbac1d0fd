/** Completion codes, IPMI v2.0 §5.2 Table 5-2, worded as ipmitool prints them. */
import type { IpmiCommand } from './command.js';
import { unknownValue } from '../format/c-printf.js';

/** The generic codes (§5.2 Table 5-2) that workflows act on, by name. */
export const CompletionCode = {
  Ok: 0x00,
  NodeBusy: 0xc0,
  Timeout: 0xc3,
  OutOfSpace: 0xc4,
  ReservationCancelled: 0xc5,
  RequestDataLengthInvalid: 0xc7,
  RequestDataFieldLengthExceeded: 0xc8,
  CannotReturnRequestedBytes: 0xca,
  InvalidDataField: 0xcc,
  DuplicatedRequest: 0xcf,
  InsufficientPrivilege: 0xd4,
  Unspecified: 0xff,
} as const;

export const completionCodes: Readonly<Record<number, string>> = {
  0x00: 'Command completed normally',
  0xc0: 'Node busy',
  0xc1: 'Invalid command',
  0xc2: 'Invalid command on LUN',
  0xc3: 'Timeout',
  0xc4: 'Out of space',
  0xc5: 'Reservation cancelled or invalid',
  0xc6: 'Request data truncated',
  0xc7: 'Request data length invalid',
  0xc8: 'Request data field length limit exceeded',
  0xc9: 'Parameter out of range',
  0xca: 'Cannot return number of requested data bytes',
  0xcb: 'Requested sensor, data, or record not found',
  0xcc: 'Invalid data field in request',
  0xcd: 'Command illegal for specified sensor or record type',
  0xce: 'Command response could not be provided',
  0xcf: 'Cannot execute duplicated request',
  0xd0: 'SDR Repository in update mode',
  0xd1: 'Device firmeware in update mode',
  0xd2: 'BMC initialization in progress',
  0xd3: 'Destination unavailable',
  0xd4: 'Insufficient privilege level',
  0xd5: 'Command not supported in present state',
  0xd6: 'Cannot execute command, command disabled',
  0xff: 'Unspecified error',
};

/** ipmitool's val2str(cc, completion_code_vals). */
export function describeCompletionCode(cc: number): string {
  return completionCodes[cc] ?? unknownValue(cc);
}

/** Command-specific codes (80h-BEh) first, then the generic table. */
export function describeCommandCode(cmd: Pick<IpmiCommand<unknown, unknown>, 'completionCodes'>, cc: number): string {
  return cmd.completionCodes?.[cc] ?? describeCompletionCode(cc);
}
