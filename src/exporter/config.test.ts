import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type ConfigIo } from './config.js';

function io(files: Record<string, { text: string; mode?: number }>, env: Record<string, string> = {}): ConfigIo {
  return {
    read: (p) => {
      const f = files[p];
      if (!f) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return Buffer.from(f.text);
    },
    mode: (p) => files[p]?.mode ?? 0o100600,
    env,
  };
}

const load = (text: string, mode = 0o100600, extra: Record<string, { text: string; mode?: number }> = {}, env: Record<string, string> = {}) =>
  loadConfig('/etc/ipmi.yml', io({ '/etc/ipmi.yml': { text, mode }, ...extra }, env));

const fails = (text: string, mode?: number, extra?: Record<string, { text: string; mode?: number }>, env?: Record<string, string>): string => {
  try {
    load(text, mode, extra, env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const m = (e as Error).message;
    expect(m).not.toContain('\n');
    return m;
  }
  throw new Error('no error');
};

describe('exporter config (ipmi_exporter YAML)', () => {
  it("reads Debian's ipmi_remote.yml modules with their defaults", () => {
    const c = load(`
modules:
  default:
    user: "default_user"
    pass: "example_pw"
    driver: "LAN_2_0"
    privilege: "user"
    timeout: 10000
    collectors: [bmc, ipmi, chassis]
    exclude_sensor_ids: [2, 29]
  thatspecialhost:
    user: "some_user"
    pass: "secret_pw"
    privilege: "admin"
    driver: "LAN"
    collectors: [ipmi, sel]
    workaround_flags: [discretereading]
    custom_args:
      ipmi: ["--bridge-sensors"]
  bare: {}
`);
    const d = c.modules.get('default')!;
    expect(d).toMatchObject({ user: 'default_user', driver: 'LAN_2_0', privilege: 2, timeoutMs: 10000, collectors: ['bmc', 'ipmi', 'chassis'] });
    expect(d.password.toString()).toBe('example_pw');
    expect([...d.excludeSensorIds]).toEqual([2, 29]);
    const s = c.modules.get('thatspecialhost')!;
    expect(s).toMatchObject({ driver: 'LAN', privilege: 4, collectors: ['ipmi', 'sel'] });
    expect(c.modules.get('bare')).toMatchObject({ driver: 'LAN_2_0', privilege: 3, collectors: ['bmc', 'ipmi', 'chassis', 'dcmi'], user: '' });
    expect(c.notes).toEqual([
      'config /etc/ipmi.yml: modules.thatspecialhost.workaround_flags ignored: ipmits reads the BMC itself and runs no FreeIPMI commands',
      'config /etc/ipmi.yml: modules.thatspecialhost.custom_args ignored: ipmits reads the BMC itself and runs no FreeIPMI commands',
    ]);
  });

  it('takes the password from a private file or the environment (ipmits additions)', () => {
    const c = load(
      'modules:\n  a:\n    user: u\n    pass_file: /run/pw\n  b:\n    user: u\n    pass_env: BMC_PW\n    cipher_suite: 3\n    port: 6230\n',
      0o100644,
      { '/run/pw': { text: 'filepw\nsecond line\n', mode: 0o100400 } },
      { BMC_PW: 'envpw' },
    );
    expect(c.modules.get('a')!.password.toString()).toBe('filepw');
    expect(c.modules.get('b')!.password.toString()).toBe('envpw');
    expect(c.modules.get('b')).toMatchObject({ cipherSuite: 3, port: 6230 });
  });

  it('refuses a world-readable file holding a password, and a world-readable password file', () => {
    expect(fails('modules:\n  default:\n    user: u\n    pass: p\n', 0o100644)).toBe(
      'config /etc/ipmi.yml holds passwords and is readable by everyone (mode 0644): chmod o-r /etc/ipmi.yml',
    );
    expect(fails('modules:\n  a:\n    pass_file: /run/pw\n', 0o100600, { '/run/pw': { text: 'x', mode: 0o100604 } })).toContain(
      '/run/pw (pass_file of module a) holds a password and is readable by everyone',
    );
    // Without a password a readable file is fine.
    expect(load('modules:\n  default:\n    user: u\n', 0o100644).modules.size).toBe(1);
  });

  it('says in one line what is wrong with a bad file', () => {
    expect(fails('modules:\n  a:\n    driver: SERIAL\n')).toBe("config /etc/ipmi.yml: modules.a.driver: 'SERIAL' is not one of LAN, LAN_2_0, OPEN");
    expect(fails('modules:\n  a:\n    privilege: root\n')).toBe("config /etc/ipmi.yml: modules.a.privilege: 'root' is not one of user, operator, admin");
    expect(fails('modules:\n  a:\n    collectors: [ipmi, fru]\n')).toContain("collectors: 'fru' is not one of ipmi, bmc, chassis, dcmi, sel, sm-lan-mode");
    expect(fails('modules:\n  a:\n    colectors: [ipmi]\n')).toBe("config /etc/ipmi.yml: modules.a: unknown key 'colectors'");
    expect(fails('modules:\n  a:\n    timeout: soon\n')).toContain('modules.a.timeout: expected an integer');
    expect(fails('modules:\n  a:\n    exclude_sensor_ids: [x]\n')).toContain("'x' is not a sensor ID");
    expect(fails('modules:\n  a:\n    pass_env: NOPE\n')).toBe('config /etc/ipmi.yml: modules.a.pass_env: environment variable NOPE is not set');
    expect(fails('modules:\n  a:\n    pass: p\n    pass_env: X\n', 0o100600)).toContain('give only one of pass, pass_file, pass_env');
    expect(fails('modules:\n  a:\n    driver: LAN\n    pass: "12345678901234567"\n')).toContain('longer than 16 bytes');
    expect(fails('targets: []\n')).toBe("config /etc/ipmi.yml: unknown key 'targets'");
    expect(fails('modules: []\n')).toContain("'modules' must map module names");
    expect(fails('just text')).toContain("expected a mapping with 'modules'");
    expect(fails('modules:\n  a: {user: u\n')).toMatch(/^config \/etc\/ipmi.yml(:\d+)?: /);
    expect(fails('modules:\n  a:\n    user: u\n  a:\n    user: v\n')).toMatch(/^config \/etc\/ipmi.yml:4: Map keys must be unique$/);
    expect(() => loadConfig('/nope.yml', io({}))).toThrow(/^config \/nope.yml: /);
  });
});
