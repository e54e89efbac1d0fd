/**
 * The end of an sdr/sensor report whose last stderr lines are errors about the names asked for:
 * the last line becomes the failure's message (printed last, as the other lines; in --json the
 * error document carries it), the others stay notes. With no such errors, a damaged -S file
 * (`damaged`, its problem the last note) fails the report as a local file problem.
 */
import { CommandError, LocalError } from '../../errors.js';
import type { Report } from '../../report.js';

export function ending(notes: readonly string[], errors: readonly string[], code: string, damaged = false): Pick<Report, 'notes' | 'failure'> {
  if (errors.length === 0 && damaged && notes.length) {
    const lines = [...notes];
    const last = lines.pop()!;
    return { ...(lines.length ? { notes: lines } : {}), failure: new LocalError(last, 'sdr-file') };
  }
  if (errors.length === 0) return notes.length ? { notes: [...notes] } : {};
  const lines = [...notes, ...errors];
  const last = lines.pop()!;
  return { ...(lines.length ? { notes: lines } : {}), failure: new CommandError(last, code) };
}
