/** `sdr`: the sensor data repository (ipmitool 1.8.19 ipmi_sdr_main); help texts are ipmitool's. */
import type { Context } from '../../runtime/context.js';
import { HelpRequest, UsageError } from '../../errors.js';
import { report, type Outcome } from '../../report.js';
import { cache } from './cache.js';
import { dump } from './dump.js';
import { info } from './info.js';
import { LIST_FILTERS, byEntity, byType, get, list } from './list.js';
import { verbWords, wordList, type Words } from '../words.js';
import { ENTITY_IDS } from '../../spec/entity-ids.js';

export const SDR_HELP = `usage: sdr <command> [options]
               list | elist [option]
                     all           All SDR Records
                     full          Full Sensor Record
                     compact       Compact Sensor Record
                     event         Event-Only Sensor Record
                     mcloc         Management Controller Locator Record
                     fru           FRU Locator Record
                     generic       Generic Device Locator Record

               type [option]
                     <Sensor_Type> Retrieve the state of specified sensor.
                                   Sensor_Type can be specified either as
                                   a string or a hex value.
                     list          Get a list of available sensor types

               get <Sensor_ID>
                     Retrieve state of the first sensor matched by Sensor_ID

               info
                     Display information about the repository itself

               entity <Entity_ID>[.<Instance_ID>]
                     Display all sensors associated with an entity

               dump <file>
                     Dump raw SDR data to a file

               fill <option>
                     sensors       Creates the SDR repository for the current
                                   configuration
                     nosat         Creates the SDR repository for the current
                                   configuration, without satellite scan
                     file <file>   Load SDR repository from a file
                     range <range> Load SDR repository from a provided list
                                   or range. Use ',' for list or '-' for
                                   range, eg. 0x28,0x32,0x40-0x44
`;

const isListWord = (w: string | undefined): boolean => w === undefined || ['help', 'list'].includes(w.toLowerCase());

type Verb = (ctx: Context, rest: string[], sub: string) => Promise<Outcome>;

const verbs: Readonly<Record<string, Verb>> = {
  help: async () => {
    throw new HelpRequest(SDR_HELP);
  },
  list: (ctx, rest, sub) => list(ctx, false, rest[0], sub),
  elist: (ctx, rest, sub) => list(ctx, true, rest[0], sub),
  type: async (ctx, rest) => (isListWord(rest[0]) ? report('sdr.table', { table: 'types', entities: [] }) : byType(ctx, rest[0]!)),
  entity: async (ctx, rest) => (isListWord(rest[0]) ? report('sdr.table', { table: 'entities', entities: ENTITY_IDS }) : byEntity(ctx, rest[0]!)),
  info: (ctx) => info(ctx),
  get: (ctx, rest) => get(ctx, rest),
  dump: async (ctx, rest) => {
    if (rest[0] === undefined) throw new UsageError('Not enough parameters given.', 'usage: sdr dump <file>\n');
    return dump(ctx, rest[0]);
  },
  cache: async (ctx, rest) => cache(ctx, rest),
  fill: async () => {
    throw new UsageError("sdr fill is not implemented by ipmits (it rewrites the BMC's SDR repository)");
  },
};

const LIST_WHAT = wordList(Object.keys(LIST_FILTERS));

/** Completion: the verbs above; sensor names from the SDR cache. */
export const words: Words = verbWords(verbs, {
  list: LIST_WHAT,
  elist: LIST_WHAT,
  get: ['@sensor'],
  cache: wordList(['clear']),
});

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  if (sub === undefined) return list(ctx, false, undefined, 'list');
  const verb = Object.hasOwn(verbs, sub) ? verbs[sub] : undefined;
  if (!verb) throw new UsageError(`Invalid SDR command: ${sub}`);
  return verb(ctx, rest, sub);
}
