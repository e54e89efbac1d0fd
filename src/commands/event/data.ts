/** What the event verbs hand to src/output/event.ts (the family owns its report data). */
import type { SelEntry } from '../../sel/entry.js';

export interface EventView {
  /** Lines printed first ("Sending SAMPLE event: ...", "Finding sensor X... ok"). */
  before: string[];
  /** The events shown, in order; the last one may have been refused. */
  entries: SelEntry[];
  /** How many the BMC accepted. */
  sent: number;
}

export interface EventStatesView {
  before: string[];
  states?: { kind: 'threshold' } | { kind: 'discrete'; names: string[]; shortcuts: boolean };
}
