/** What the sdr verbs hand to src/output/sdr.ts. */
import type { SdrRepositoryInfo } from '../../ipmi/cmds/storage/get-sdr-repository-info.js';
import type { SensorData } from '../../sdr/index.js';
import type { SdrRecord } from '../../sdr/records.js';

/** One record of a listing; full and compact records carry their reading. */
export interface SdrRow {
  record: SdrRecord;
  sensor?: SensorData;
}

export interface SdrListData {
  /** `elist`, `type`, `entity`: the 5-column layout. */
  extended: boolean;
  /** -v, or `sdr get`: the verbose record layout. */
  verbose: boolean;
  rows: SdrRow[];
}

/** `sdr type list` / `sdr entity list` (and the type table printed after an unknown type name). */
export interface SdrTableData {
  table: 'types' | 'entities';
  entities: readonly (readonly [number, string])[];
  /** Text printed before the table. */
  prefix?: string;
}

export interface SdrInfoView {
  info: SdrRepositoryInfo;
}

export interface SdrDumpData {
  file: string;
  records: number;
  bytes: number;
}

export interface SdrCacheClearData {
  dir: string | undefined;
  removed: string[];
}
