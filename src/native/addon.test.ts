/** The lazy loader: the npm-install path, overrides, and the reasons it gives when there is no addon. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAddonLoader } from './addon.js';
import { BINDING_ABI } from './binding.js';

const built = fileURLToPath(new URL('../../native/build/Release/ipmi_dev.node', import.meta.url));

describe('createAddonLoader', () => {
  it('a missing override names it, once per loader', () => {
    const load = createAddonLoader();
    const r = load({ IPMITS_ADDON: '/nonexistent/ipmi_dev.node' });
    expect(r).toEqual({ unavailable: expect.stringMatching(/^cannot load IPMITS_ADDON=\/nonexistent\/ipmi_dev.node: Cannot find module/) });
    expect(load({})).toBe(r);
  });

  it('a module of another interface revision is refused', () => {
    const r = createAddonLoader()({ IPMITS_ADDON: fileURLToPath(new URL('../../package.json', import.meta.url)) });
    expect(r).toEqual({ unavailable: expect.stringContaining(`interface undefined, this one needs ${BINDING_ABI}`) });
  });

  // The addon is built by npm install (native/install.mjs); the test suite needs it.
  it('loads the built addon from native/build/Release and checks its interface revision', () => {
    expect(existsSync(built), 'native/build/Release/ipmi_dev.node is missing: run npm run build:addon').toBe(true);
    const r = createAddonLoader()({});
    expect('binding' in r && r.binding.abi).toBe(BINDING_ABI);
    if (!('binding' in r)) return;
    // A descriptor that is not an IPMI device: the driver's errno comes back unchanged.
    expect(() => r.binding.open('/nonexistent/ipmi0')).toThrow(expect.objectContaining({ errno: 2, syscall: 'open', strerror: 'No such file or directory' }));
  });

  it('the ioctls and poll on a descriptor that is not an IPMI device report the errno unchanged', async () => {
    const r = createAddonLoader()({});
    if (!('binding' in r)) throw new Error(r.unavailable);
    const b = r.binding;
    const fd = b.open('/dev/null');
    try {
      const addr = new Uint8Array(8);
      // ENOTTY: /dev/null knows none of the IPMI ioctls.
      expect(() => b.send(fd, addr, 1, 6, 1, new Uint8Array(0))).toThrow(expect.objectContaining({ errno: 25, syscall: 'ioctl(IPMICTL_SEND_COMMAND)' }));
      expect(() => b.receive(fd)).toThrow(expect.objectContaining({ errno: 25, syscall: 'ioctl(IPMICTL_RECEIVE_MSG_TRUNC)' }));
      expect(() => b.setMyAddress(fd, 0x20)).toThrow(expect.objectContaining({ errno: 25, syscall: 'ioctl(IPMICTL_SET_MY_ADDRESS_CMD)' }));
      // /dev/null is always readable: poll says so at once.
      await expect(b.wait(fd, 1000)).resolves.toBe(true);
      expect(() => b.send(fd, new Uint8Array(64), 1, 6, 1, new Uint8Array(0))).toThrow(TypeError);
    } finally {
      b.close(fd);
    }
    // A descriptor that is not open (far above any this process has): EBADF, and poll rejects.
    const none = 1_000_000;
    expect(() => b.receive(none)).toThrow(expect.objectContaining({ errno: 9 }));
    await expect(b.wait(none, 10)).rejects.toMatchObject({ errno: 9, syscall: 'poll' });
    expect(() => b.close(none)).toThrow(expect.objectContaining({ errno: 9, syscall: 'close' }));
  });
});
