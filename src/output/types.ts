/** Renderers turn a Report's data into ipmitool text, CSV, JSON or a table. Nothing else prints results. */

export interface RenderOptions {
  verbose: number;
  /** -Z: dates in UTC. */
  utc: boolean;
  /** Colour allowed (a TTY, NO_COLOR unset). */
  color: boolean;
}

/** A table for --table: optional title, header row, rows of cells. */
export interface TableSpec {
  title?: string;
  head?: string[];
  rows: string[][];
}

export interface Renderer<D> {
  /** Exactly what ipmitool 1.8.19 prints (C locale). */
  text(data: D, o: RenderOptions): string;
  /** ipmitool's -c form, where ipmitool has one. */
  csv?(data: D, o: RenderOptions): string;
  /** The --json document; defaults to the data itself. */
  json?(data: D, o: RenderOptions): unknown;
  /** The --table view; defaults to a table built from the JSON document. */
  table?(data: D, o: RenderOptions): TableSpec[];
}

// biome-ignore lint/suspicious/noExplicitAny: each module maps its own kinds to renderers of different data types.
export type OutputModule = Readonly<Record<string, Renderer<any>>>;

export function defineRenderers<M extends OutputModule>(m: M): M {
  return m;
}
