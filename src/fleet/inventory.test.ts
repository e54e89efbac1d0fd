import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { groupHosts, hostSettings, inventoryPaths, loadInventory, secretResolver } from './inventory.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-inv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string, mode = 0o600): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  chmodSync(p, mode);
  return p;
}

const SAMPLE = `
user = "admin"
password_env = "FLEET_PW"
interface = "lanplus"
cipher_suite = 3

[groups.rack1]
hosts = "bmc[01-04]"
user = "ops"
password_file = "rack1.pw"

[groups.gpu]
privilege = "operator"

[hosts."bmc0[3-4]"]
groups = ["gpu"]
port = 6230

[hosts."bmc09:700"]
kg_hex = "0102"
`;

describe('loadInventory', () => {
  it('layers defaults, groups in file order, then host entries', () => {
    const inv = loadInventory(file('inv.toml', SAMPLE), { env: {} })!;
    expect(hostSettings(inv, 'bmc01')).toEqual({
      groups: ['rack1'],
      user: 'ops',
      password: { kind: 'file', path: path.join(dir, 'rack1.pw') },
      interface: 'lanplus',
      cipherSuite: 3,
    });
    expect(hostSettings(inv, { label: 'bmc04', host: 'bmc04' })).toMatchObject({ groups: ['rack1', 'gpu'], privilege: 3, port: 6230, user: 'ops' });
    expect(hostSettings(inv, 'elsewhere')).toEqual({
      groups: [],
      user: 'admin',
      password: { kind: 'env', name: 'FLEET_PW' },
      interface: 'lanplus',
      cipherSuite: 3,
    });
    expect(hostSettings(inv, { label: 'bmc09:700', host: 'bmc09' }).kg).toEqual({ kind: 'hex', bytes: Buffer.from([1, 2]) });
    expect(groupHosts(inv, 'gpu')).toEqual(['bmc0[3-4]']);
    expect(groupHosts(inv, 'rack1')).toEqual(['bmc[01-04]']);
    expect(groupHosts(inv, 'none')).toBeUndefined();
  });

  it('is looked up in XDG_CONFIG_HOME, then /etc', () => {
    expect(inventoryPaths({ XDG_CONFIG_HOME: '/x', HOME: '/h' })).toEqual(['/x/ipmits/inventory.toml', '/etc/ipmits/inventory.toml']);
    expect(inventoryPaths({ HOME: '/h' })).toEqual(['/h/.config/ipmits/inventory.toml', '/etc/ipmits/inventory.toml']);
    const xdg = path.join(dir, 'xdg');
    expect(loadInventory(undefined, { env: { XDG_CONFIG_HOME: xdg }, stat: (p) => (p.startsWith(xdg) ? undefined : undefined) })).toBeUndefined();
    const found = loadInventory(undefined, {
      env: { XDG_CONFIG_HOME: xdg },
      stat: (p) => (p === path.join(xdg, 'ipmits/inventory.toml') ? { mode: 0o100644, uid: 0 } : undefined),
      readFile: () => 'user = "x"\n',
    });
    expect(found?.path).toBe(path.join(xdg, 'ipmits/inventory.toml'));
  });

  it('refuses a file holding a secret that others may read, as ssh does', () => {
    const p = file('open.toml', 'password = "secret"\n', 0o644);
    expect(() => loadInventory(p, { env: {} })).toThrow(`${p} holds a secret (top level) but is accessible by others (mode 0644); run: chmod 600 ${p}`);
    const q = file('kg.toml', '[hosts.a]\nkg = "k"\n', 0o640);
    expect(() => loadInventory(q, { env: {} })).toThrow(/holds a secret \(\[hosts."a"\]\) but is accessible by others \(mode 0640\)/);
    expect(() => loadInventory(file('mine.toml', 'password = "s"\n'), { env: {}, uid: 4242, stat: () => ({ mode: 0o100600, uid: 1234 }) })).toThrow(
      /belongs to uid 1234, not to you or root/,
    );
    // References to secrets are not secrets: 0644 is fine.
    expect(loadInventory(file('refs.toml', 'password_file = "pw"\n', 0o644), { env: {} })).toBeDefined();
  });

  it('reports every bad file in one line naming the place', () => {
    const cases: Array<[string, RegExp]> = [
      ['user = [', /^Inventory .*bad1\.toml:1:\d+: /],
      ['colour = "red"\n', /top level has an unknown key 'colour'/],
      ['[groups.a]\nhosts = 5\n', /\[groups\.a\] hosts must be a string or a list of strings/],
      ['port = 0\n', /port must be a whole number from 1 to 65535/],
      ['privilege = "boss"\n', /privilege 'boss' is not one of CALLBACK, USER, OPERATOR, ADMINISTRATOR, OEM$/],
      ['interface = "serial"\n', /interface 'serial' is not one of lan, lanplus, open/],
      ['password_env = "A"\npassword_file = "b"\n', /more than one password source \(password_file, password_env\)/],
      ['kg_hex = "xyz"\n', /kg_hex must be 1 to 20 bytes of hex digits/],
      ['user = "seventeen-bytes-x"\n', /user must be a string of at most 16 bytes/],
      ['[hosts."a"]\ngroups = "g"\npassword_prompt = "yes"\n', /password_prompt must be true or false/],
    ];
    cases.forEach(([text, msg], i) => {
      const p = file(`bad${i + 1}.toml`, text);
      let err: Error | undefined;
      try {
        loadInventory(p, { env: {} });
      } catch (e) {
        err = e as Error;
      }
      expect(err?.message, text).toMatch(msg);
      expect(err?.message.includes('\n'), text).toBe(false);
      expect((err as { code?: string }).code).toBe('inventory');
    });
    expect(() => loadInventory(path.join(dir, 'absent.toml'), { env: {} })).toThrow(/Cannot read inventory .*absent\.toml: No such file or directory/);
  });
});

describe('secretResolver', () => {
  it('resolves each distinct source once, and checks password file permissions', async () => {
    const prompts: string[] = [];
    const resolve = secretResolver({
      env: { PW: 'fromenv' },
      prompt: async (p) => {
        prompts.push(p);
        return 'typed';
      },
    });
    expect((await resolve({ kind: 'env', name: 'PW' }, 'password')).toString()).toBe('fromenv');
    expect((await resolve({ kind: 'prompt' }, 'password')).toString()).toBe('typed');
    expect((await resolve({ kind: 'prompt' }, 'password')).toString()).toBe('typed');
    expect((await resolve({ kind: 'prompt' }, 'kg')).toString()).toBe('typed');
    expect(prompts).toEqual(['Password: ', 'Key: ']);
    const pw = file('good.pw', 'hunter2\nsecond line\n');
    expect((await resolve({ kind: 'file', path: pw }, 'password')).toString()).toBe('hunter2');
    const open = file('open.pw', 'x\n', 0o644);
    await expect(resolve({ kind: 'file', path: open }, 'password')).rejects.toThrow(/is a password file but is accessible by others \(mode 0644\)/);
    await expect(resolve({ kind: 'env', name: 'NOPE' }, 'password')).rejects.toThrow('Inventory: password variable NOPE is not set');
  });
});
