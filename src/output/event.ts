/**
 * event: ipmitool 1.8.19's text (lib/ipmi_event.c): the lines before the event, then each
 * event as `sel elist` shows it (ipmi_sel_print_extended_entry; `-v`: the `sel get` block),
 * and the state lists of `event <sensor> list`; the --json documents (docs/json.md).
 */
import type { EventStatesView, EventView } from '../commands/event/data.js';
import { DIGITAL_SHORTCUTS, THRESHOLD_STATES } from '../sel/event-message.js';
import { entriesTable, entryExtendedVerbose, entryJson, entryLine } from './sel-entry.js';
import { defineRenderers, type RenderOptions } from './types.js';

const lines = (l: readonly string[]): string => l.map((x) => `${x}\n`).join('');

function sentText(v: EventView, o: RenderOptions, csv: boolean): string {
  return lines(v.before) + v.entries.map((e) => (o.verbose > 0 ? entryExtendedVerbose(e, o) : entryLine(e, csv, o))).join('');
}

function statesText(v: EventStatesView): string {
  const s = v.states;
  let out = lines(v.before);
  if (!s) return out;
  if (s.kind === 'threshold') return `${out}Sensor States:\n${THRESHOLD_STATES.map(([k, t]) => `  ${k} : ${t}\n`).join('')}`;
  out += `Sensor States: \n  ${s.names.join('\n  ')}\n`;
  if (s.shortcuts) out += `Sensor State Shortcuts:\n${DIGITAL_SHORTCUTS.map(([on, off]) => `  ${on.padEnd(9)}  ${off.padEnd(9)}\n`).join('')}`;
  return out;
}

function statesJson(v: EventStatesView): unknown {
  const s = v.states;
  if (!s) return { states: null };
  if (s.kind === 'threshold') return { states: THRESHOLD_STATES.map(([k, t]) => ({ name: k, text: t.trimEnd() })) };
  return { states: s.names.map((n) => ({ name: n.trimEnd() })), shortcuts: s.shortcuts ? DIGITAL_SHORTCUTS.map(([on, off]) => ({ on, off })) : [] };
}

export const renderers = defineRenderers({
  'event.sent': {
    text: (v: EventView, o: RenderOptions) => sentText(v, o, false),
    csv: (v: EventView, o: RenderOptions) => sentText(v, o, true),
    json: (v: EventView) => ({ events: v.entries.map(entryJson), sent: v.sent }),
    table: (v: EventView, o: RenderOptions) => entriesTable(v.entries, o),
  },
  'event.states': { text: statesText, json: statesJson },
});
