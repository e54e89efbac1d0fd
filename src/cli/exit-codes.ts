/** The only place exit statuses are decided. Documented in man/ipmits.1 and docs/exit-codes.md. */
import { HelpRequest, IpmiError } from '../errors.js';
import type { Verdict } from '../report.js';

export const ExitCode = {
  Ok: 0,
  /** The BMC refused or failed the command (completion code, or a command-level failure). */
  CommandFailed: 1,
  /** Bad argv, bad option value, unknown command. */
  Usage: 2,
  /** No answer, unreachable host, refused connection, --timeout reached, no /dev/ipmi0. */
  Connection: 3,
  /** Session refused: wrong password, unknown user, wrong Kg, privilege, cipher suite. */
  Auth: 4,
  /** A reply that does not parse. */
  Decode: 5,
  /** A local file or terminal problem. */
  Local: 6,
  /** The BMC has no free session slot: busy, not a refused login; retry later. */
  Busy: 7,
  /** Anything else: a bug in ipmits. */
  Internal: 70,
} as const;

export function exitCodeFor(err: unknown): number {
  if (err instanceof HelpRequest) return err.exitFailure ? ExitCode.Usage : ExitCode.Ok;
  if (!(err instanceof IpmiError)) return ExitCode.Internal;
  switch (err.layer) {
    case 'usage':
      return ExitCode.Usage;
    case 'transport':
    case 'device':
      return ExitCode.Connection;
    case 'auth':
      return ExitCode.Auth;
    case 'busy':
      return ExitCode.Busy;
    case 'command':
      return ExitCode.CommandFailed;
    case 'decode':
      return ExitCode.Decode;
    case 'local':
      return ExitCode.Local;
  }
}

/** `sensor check`: the monitoring-plugin convention (Nagios, Icinga, Sensu), whatever else failed. */
export const VerdictExit: Readonly<Record<Verdict, number>> = { ok: 0, warning: 1, critical: 2, unknown: 3 };

/** Exit status after a signal: 128 + signal number (shell convention). */
export const signalExitCode: Readonly<Record<string, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143, SIGPIPE: 141 };
