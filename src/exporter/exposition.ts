/**
 * The Prometheus text exposition format 0.0.4, as the exporter serves it: one HELP and TYPE line
 * per family, every family contiguous, families sorted by name and samples by their label values
 * (the order Go's client_golang writes, so a diff against ipmi_exporter's output lines up). Pure.
 */

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  labels: Labels;
  value: number;
}

export interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: Sample[];
}

/** A label value: \ " and newline escaped (exposition format, "label_value"). */
export const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** HELP text: \ and newline escaped. */
const escapeHelp = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

/**
 * A sample value: NaN, +Inf, -Inf, else the shortest decimal of the value rounded to 15 significant
 * digits (a converted reading of 12.120000000000001 is 12.12, as FreeIPMI prints it).
 */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return String(Number(v.toPrecision(15)));
}

const labelText = (l: Labels): string => {
  const keys = Object.keys(l);
  return keys.length === 0 ? '' : `{${keys.map((k) => `${k}="${escapeLabel(l[k]!)}"`).join(',')}}`;
};

const sortKey = (l: Labels): string[] => Object.keys(l).map((k) => l[k]!);

function compareSamples(a: Sample, b: Sample): number {
  const ka = sortKey(a.labels);
  const kb = sortKey(b.labels);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
  }
  return ka.length - kb.length;
}

/** A family builder: `gauge(name, help).add(labels, value)`. */
export function family(name: string, help: string, type: Family['type'] = 'gauge'): Family & { add(labels: Labels, value: number): void } {
  const f: Family = { name, help, type, samples: [] };
  return Object.assign(f, { add: (labels: Labels, value: number) => void f.samples.push({ labels, value }) });
}

/** The exposition text of these families; families with no samples are left out; same-named families are merged. */
export function render(families: readonly Family[]): string {
  const byName = new Map<string, Family>();
  for (const f of families) {
    if (f.samples.length === 0) continue;
    const seen = byName.get(f.name);
    if (seen) seen.samples.push(...f.samples);
    else byName.set(f.name, { ...f, samples: [...f.samples] });
  }
  const out: string[] = [];
  for (const name of [...byName.keys()].sort()) {
    const f = byName.get(name)!;
    out.push(`# HELP ${name} ${escapeHelp(f.help)}\n# TYPE ${name} ${f.type}\n`);
    for (const s of [...f.samples].sort(compareSamples)) out.push(`${name}${labelText(s.labels)} ${formatValue(s.value)}\n`);
  }
  return out.join('');
}
