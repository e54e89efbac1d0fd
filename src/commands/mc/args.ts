/** Argument checks shared by the mc verbs: every bad argument is one line, before anything is sent. */
import { UsageError } from '../../errors.js';

/** ipmitool ignores words after a complete command; ipmits refuses them. */
export function noMoreArgs(args: readonly string[], command: string): void {
  if (args.length > 0) throw new UsageError(`Unexpected argument for '${command}': ${args[0]}`);
}

/** ipmitool's lprintf() cuts a message at 1023 bytes (LOG_MSG_LENGTH) and adds a newline. */
export function lprintf(text: string): string {
  return `${text.length > 1023 ? text.slice(0, 1023) : text}\n`;
}
