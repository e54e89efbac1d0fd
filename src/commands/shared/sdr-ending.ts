/**
 * The end of an sdr/sensor report whose last stderr lines are errors about the names asked for:
 * the last line becomes the failure's message (printed last, as the other lines; in --json the
 * error document carries it), the others stay notes. With no such errors, a damaged -S file
 * (`damaged`, its problem the last note) fails the report as a local file problem.
 */
import { CommandError, LocalError } from '../../errors.js';
import type { Report } from '../../report.js';
import { unansweredReadings, type SdrSource, type SensorData } from '../../sdr/index.js';

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

/**
 * ending() for a listing read through an SdrSource: besides the names not found (`errors`), an
 * SDR walk that ended early and readings that got no answer make the listing incomplete. That is
 * said on stderr and fails the command (exit 1, code `incomplete`): never a silent short list.
 */
export function sdrEnding(src: SdrSource, sensors: readonly SensorData[], errors: readonly string[], code: string): Pick<Report, 'notes' | 'failure'> {
  const gaps = [...src.incomplete, ...unansweredReadings(sensors)];
  if (gaps.length && errors.length === 0) return ending(src.notes, gaps, 'incomplete');
  return ending([...src.notes, ...gaps], errors, code, src.damaged);
}
