import { describe, expect, it } from 'vitest';
import { getDeviceId } from '../ipmi/cmds/app/get-device-id.js';
import { nodeCacheIo } from '../runtime/cache-io.js';
import { modelFileName, modelKey, SdrShare } from './share.js';

// The project's simulator (test/sim): Get Device ID and Get SDR Repository Info replies as ipmitool raw shows them.
const DEVICE = Buffer.from('20030245029f911200535200000000', 'hex');
const INFO = Buffer.from('511800feff152a00000000000002', 'hex');
const dev = (bytes = DEVICE) => getDeviceId.decode(bytes);

describe('modelKey', () => {
  it('names the device, its firmware and the repository info reply (known answer)', () => {
    const key = modelKey(dev(), 'repository', INFO);
    expect(key).toBe('repository mfr 4753 product 5253 device 20 rev 03 fw 2.45 aux 00000000 ipmi 02 support 9f info 511800feff152a00000000000002');
    // sha256 of that text (sha256sum), first 32 hex digits.
    expect(modelFileName(key, nodeCacheIo.sha256)).toBe('model-e76ee895da5d66b67b4bd5ae575b64fe.sdr');
  });

  it('differs when anything that may change the SDR set differs', () => {
    const base = modelKey(dev(), 'repository', INFO);
    const variants = [
      modelKey(dev(), 'device', INFO),
      modelKey(dev(), 'repository', Buffer.from('511800feff162a00000000000002', 'hex')), // last addition a second later
      modelKey(dev(), 'repository', Buffer.from('511800feff152a00000100000002', 'hex')), // last erase
      modelKey(dev(), 'repository', Buffer.from('511900fefe152a00000000000002', 'hex')), // one record more
    ];
    for (const [at, byte] of [
      [0, 0x21], // device ID
      [1, 0x04], // device revision
      [2, 0x03], // firmware major
      [3, 0x46], // firmware minor
      [4, 0x51], // IPMI version
      [5, 0x9e], // additional device support
      [6, 0x54], // manufacturer
      [9, 0x54], // product
      [11, 0x01], // aux firmware
    ] as const) {
      const b = Buffer.from(DEVICE);
      b[at] = byte;
      variants.push(modelKey(dev(b), 'repository', INFO));
    }
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it('ignores whether the device is available right now (firmware byte 1 bit 7)', () => {
    const b = Buffer.from(DEVICE);
    b[2] = 0x82;
    expect(modelKey(dev(b), 'repository', INFO)).toBe(modelKey(dev(), 'repository', INFO));
  });
});

describe('SdrShare', () => {
  const set = [Buffer.from('0100511405', 'hex')];

  it('hosts asking while one reads wait for its set; a failed read is forgotten', async () => {
    const share = new SdrShare();
    expect(share.pending('k')).toBeUndefined();
    const settle = share.claim('k');
    const waiting = share.pending('k');
    expect(waiting).toBeDefined();
    settle(set);
    settle(undefined); // only the first settle counts (a finally may settle again)
    expect(await waiting).toBe(set);
    expect(await share.pending('k')).toBe(set);

    const failed = share.claim('other');
    const w2 = share.pending('other');
    failed(undefined);
    expect(await w2).toBeUndefined();
    expect(share.pending('other')).toBeUndefined(); // the next host may read it
  });
});
