/**
 * One error type per layer. Every failure ipmits reports is an IpmiError;
 * `code` is stable (it appears in `--json` error output) and `layer` decides
 * the exit status (see src/cli/exit-codes.ts, the only place that maps them).
 */

export type ErrorLayer = 'usage' | 'local' | 'transport' | 'auth' | 'busy' | 'command' | 'decode' | 'device';

export class IpmiError extends Error {
  readonly layer: ErrorLayer;
  readonly code: string;
  /** Lines printed on stderr before `message` (ipmitool often prints context first). */
  readonly preamble: readonly string[];
  /** The precise reason, printed before `message` only under -v (ipmitool prints it at -v too). */
  detail: string | undefined;

  constructor(layer: ErrorLayer, code: string, message: string, preamble: readonly string[] = []) {
    super(message);
    this.name = new.target.name;
    this.layer = layer;
    this.code = code;
    this.preamble = preamble;
    this.detail = undefined;
  }

  withDetail(detail: string): this {
    this.detail = detail;
    return this;
  }
}

/** Bad argv, bad option value, unknown command. `usage` is help text printed after the message. */
export class UsageError extends IpmiError {
  readonly usage: string | undefined;
  constructor(message: string, usage?: string, code = 'usage') {
    super('usage', code, message);
    this.usage = usage;
  }
}

/** Help was asked for: not a failure unless `exitFailure` (ipmitool's `chassis` with no args). */
export class HelpRequest extends IpmiError {
  readonly text: string;
  readonly exitFailure: boolean;
  constructor(text: string, exitFailure = false) {
    super('usage', 'help', '');
    this.text = text;
    this.exitFailure = exitFailure;
  }
}

/** A local resource failed: a password file, an output file, a terminal. */
export class LocalError extends IpmiError {
  constructor(message: string, code = 'local') {
    super('local', code, message);
  }
}

/** No answer, unreachable host, socket errors, overall deadline. */
export class TransportError extends IpmiError {
  constructor(message: string, code = 'transport', preamble: readonly string[] = []) {
    super('transport', code, message, preamble);
  }
}

export class TimeoutError extends TransportError {
  readonly attempts: number;
  constructor(message: string, attempts: number, preamble: readonly string[] = [], code = 'timeout') {
    super(message, code, preamble);
    this.attempts = attempts;
  }
}

/** The overall `--timeout` deadline passed: final, never retried, never taken for one silent request. */
export class DeadlineError extends TimeoutError {
  constructor(message: string) {
    super(message, 0, [], 'deadline');
  }
}

/** Session set-up refused: wrong password, unknown user, wrong Kg, privilege refused, no cipher suite. */
export class AuthenticationError extends IpmiError {
  constructor(message: string, code = 'auth', preamble: readonly string[] = []) {
    super('auth', code, message, preamble);
  }
}

/**
 * The BMC has no free session slot (Open Session status 01h, Activate Session 81h, Get Session
 * Challenge C4h): it is busy, the credentials were not refused; trying later may succeed.
 */
export class SessionSlotError extends IpmiError {
  constructor(message: string, preamble: readonly string[] = []) {
    super('busy', 'no-session-slot', message, preamble);
  }
}

/** A reply that does not parse: too short, bad checksum, unexpected layout. */
export class DecodeError extends IpmiError {
  readonly offset: number | undefined;
  constructor(message: string, offset?: number) {
    super('decode', 'decode', message);
    this.offset = offset;
  }
}

/** The BMC answered with a non-zero completion code. */
export class CompletionCodeError extends IpmiError {
  readonly cc: number;
  readonly command: string;
  readonly description: string;
  constructor(command: string, cc: number, description: string, message?: string) {
    super('command', 'completion-code', message ?? `${command} failed: ${description}`);
    this.cc = cc;
    this.command = command;
    this.description = description;
  }
}

/** A command-level failure that is not a completion code (ipmitool wording is in `message`). */
export class CommandError extends IpmiError {
  constructor(message: string, code = 'command-failed', preamble: readonly string[] = []) {
    super('command', code, message, preamble);
  }
}

/** /dev/ipmi0: missing, no permission, driver not loaded, addon unavailable. */
export class DeviceError extends IpmiError {
  readonly errno: string | undefined;
  constructor(message: string, errno?: string) {
    super('device', 'device', message);
    this.errno = errno;
  }
}
