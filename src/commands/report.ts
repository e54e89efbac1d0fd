/**
 * What a command verb returns: data, never text. `kind` names the renderer in
 * src/output; `notes` are stderr lines ipmitool prints alongside a success;
 * `failure` marks output that was produced before something failed.
 */
import type { IpmiError } from '../errors.js';
import type { Context } from '../cli/context.js';

export interface Report<D = unknown> {
  kind: string;
  data: D;
  notes?: string[];
  failure?: IpmiError;
}

export type Outcome = Report | Report[];

export interface Family {
  run(ctx: Context, args: string[]): Promise<Outcome>;
}

export function report<D>(kind: string, data: D, extra: Partial<Pick<Report, 'notes' | 'failure'>> = {}): Report<D> {
  return { kind, data, ...extra };
}
