/**
 * What a command verb returns: data, never text. `kind` names the renderer in
 * src/output; `notes` are stderr lines ipmitool prints alongside a success;
 * `failure` marks output that was produced before something failed.
 */
import type { IpmiError } from './errors.js';
import type { Words } from './runtime/command-set.js';
import type { Context } from './runtime/context.js';

export interface Report<D = unknown> {
  kind: string;
  data: D;
  notes?: string[];
  failure?: IpmiError;
  /** A health verdict (`sensor check`): decides the exit status in the monitoring-plugin convention. */
  verdict?: Verdict;
}

/** Monitoring-plugin verdicts; src/cli/exit-codes.ts maps them to 0-3. */
export type Verdict = 'ok' | 'warning' | 'critical' | 'unknown';

export type Outcome = Report | Report[];

export interface Family {
  run(ctx: Context, args: string[]): Promise<Outcome>;
  /** The words the family accepts after its name (its dispatcher's verbs and their fixed arguments): completion reads them. */
  readonly words?: Words;
}

export function report<D>(kind: string, data: D, extra: Partial<Pick<Report, 'notes' | 'failure' | 'verdict'>> = {}): Report<D> {
  return { kind, data, ...extra };
}
