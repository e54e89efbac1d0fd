/**
 * `sdr dump <file>`: every record read from the BMC written raw and concatenated (header + body,
 * ipmitool's ipmi_sdr_dump_bin); the file `-S` reads back. The file is opened the way ipmitool's
 * ipmi_open_file does for writing: created when missing, otherwise only a regular file with one link.
 */
import { nodeFs } from '../../node-fs.js';
import type { Context } from '../../runtime/context.js';
import { LocalError } from '../../errors.js';
import { sdrOf } from '../shared/sdr.js';
import { serializeDump } from '../../sdr/dumpfile.js';
import { report, type Outcome } from '../../report.js';
import type { SdrDumpData } from './data.js';
import { strerror } from '../../strerror.js';
import { sdrEnding } from '../shared/sdr-ending.js';

function checkTarget(file: string): void {
  let st;
  try {
    st = nodeFs().lstatSync(file);
  } catch {
    return;
  }
  if (!st.isFile()) throw new LocalError(`File ${file} has invalid mode: ${st.mode}`);
  if (st.nlink !== 1) throw new LocalError(`File ${file} has invalid link count: ${st.nlink} != 1`);
}

export async function dump(ctx: Context, file: string): Promise<Outcome> {
  const records = await sdrOf(ctx).load({ useFile: false });
  const data: SdrDumpData = { file, records: records.length, bytes: 0 };
  const bytes = serializeDump(records);
  data.bytes = bytes.length;
  try {
    checkTarget(file);
    nodeFs().writeFileSync(file, bytes);
  } catch (e) {
    const failure = e instanceof LocalError ? e : new LocalError(`Unable to open file ${file} for write: ${strerror(e)}`);
    return report('sdr.dump', data, { failure });
  }
  // A walk that ended early wrote a short file: said, and the command fails (issue 15).
  return report('sdr.dump', data, sdrEnding(sdrOf(ctx), [], [], 'incomplete'));
}
