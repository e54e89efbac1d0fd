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
});
