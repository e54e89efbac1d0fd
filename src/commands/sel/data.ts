/** What the sel verbs hand to src/output/sel.ts (the family owns its report data). */
import type { SelAllocationInfo } from '../../ipmi/cmds/storage/get-sel-allocation-info.js';
import type { SelInfo } from '../../ipmi/cmds/storage/get-sel-info.js';
import type { EventOnlyRecord, SensorData } from '../../sdr/index.js';
import type { SelEntry } from '../../sel/entry.js';
import type { FruDeviceView } from '../fru/print.js';

export interface SelInfoView {
  info: SelInfo;
  alloc?: SelAllocationInfo;
}

export interface SelListView {
  entries: SelEntry[];
}

export interface SelTimeView {
  seconds: number;
  /** `sel time set`: the value sent. */
  set?: number;
}

export interface SelDeleteView {
  deleted: number[];
  /** Arguments that were not deleted: not a record ID, or refused (then `id` is set). */
  failed: { arg: string; id?: number }[];
}

/** `sel get`: an entry and, when its sensor has an SDR, the blocks ipmitool prints after it. */
export interface SelGetItem {
  entry: SelEntry;
  /** Full and compact sensors: the `sensor get` data. */
  sensor?: SensorData;
  eventOnly?: EventOnlyRecord;
  /** FRU locators of the sensor's entity. */
  frus: FruDeviceView[];
  /** "----------------------" after the blocks (more IDs follow). */
  separator: boolean;
}

export interface SelGetView {
  items: SelGetItem[];
}

export interface SelFileView extends SelListView {
  file: string;
}

export interface SelAddView extends SelListView {
  file: string;
  /** Record IDs the BMC gave the added entries. */
  added: number[];
}
