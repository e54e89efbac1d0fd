/**
 * Read what `fru print` needs from a FRU device: the common header, then each area it
 * points to (length byte first), then the multi-record chain. Only those bytes are
 * read (as ipmitool does), in as few requests as the BMC allows; the result is parsed
 * with the same pure parser as a file.
 */
import { MAX_RECORDS, parseFru, parseHeader, type FruInventory } from './parse.js';
import type { FruDevice } from './device.js';

export async function readInventory(dev: FruDevice): Promise<FruInventory> {
  const size = dev.size;
  await dev.ensure(0, 8);
  const img = dev.image();
  const h = parseHeader(img.subarray(0, Math.min(8, size)));
  if (h && h.version === 1) {
    for (const o of [h.chassis, h.board, h.product]) {
      if (o === 0 || o >= size) continue;
      await dev.ensure(o, 2);
      await dev.ensure(o, img[o + 1]! * 8);
    }
    if (h.internalUse !== 0 && h.internalUse < size) {
      const next = [h.chassis, h.board, h.product, h.multiRecord].filter((o) => o > h.internalUse);
      await dev.ensure(h.internalUse, Math.min(size, ...next) - h.internalUse);
    }
    let pos = h.multiRecord;
    for (let n = 0; pos !== 0 && n < MAX_RECORDS && pos + 5 <= size; n++) {
      await dev.ensure(pos, 5);
      await dev.ensure(pos + 5, img[pos + 2]!);
      if (img[pos + 1]! & 0x80) break;
      pos += 5 + img[pos + 2]!;
    }
  }
  return parseFru(img);
}
