/** `sdr`: the sensor data repository (ipmitool 1.8.19 ipmi_sdr_main); help texts are ipmitool's. */
import type { Context } from '../../runtime/context.js';
import { HelpRequest, UsageError } from '../../errors.js';
import { report, type Outcome } from '../../report.js';
import { cache } from './cache.js';
import { dump } from './dump.js';
import { info } from './info.js';
import { byEntity, byType, get, list } from './list.js';
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

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  if (sub === undefined) return list(ctx, false, undefined, 'list');
  switch (sub) {
    case 'help':
      throw new HelpRequest(SDR_HELP);
    case 'list':
    case 'elist':
      return list(ctx, sub === 'elist', rest[0], sub);
    case 'type':
      if (isListWord(rest[0])) return report('sdr.table', { table: 'types', entities: [] });
      return byType(ctx, rest[0]!);
    case 'entity':
      if (isListWord(rest[0])) return report('sdr.table', { table: 'entities', entities: ENTITY_IDS });
      return byEntity(ctx, rest[0]!);
    case 'info':
      return info(ctx);
    case 'get':
      return get(ctx, rest);
    case 'dump':
      if (rest[0] === undefined) throw new UsageError('Not enough parameters given.', 'usage: sdr dump <file>\n');
      return dump(ctx, rest[0]);
    case 'cache':
      return cache(ctx, rest);
    case 'fill':
      throw new UsageError('sdr fill is not implemented by ipmits (it rewrites the BMC\'s SDR repository)');
    default:
      throw new UsageError(`Invalid SDR command: ${sub}`);
  }
}
