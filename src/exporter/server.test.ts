import { describe, expect, it } from 'vitest';
import { systemClock, systemRandom, type DatagramSocket } from '../io.js';
import { MockIpmiDev } from '../native/mock-binding.js';
import { builtInRegistry } from '../spec/iana.js';
import { defaultModule, type ExporterConfig } from './config.js';
import { Exporter, parseTarget, type ExporterOptions } from './server.js';

/** A BMC that never answers: every datagram is swallowed. */
const silent = async (): Promise<DatagramSocket> => ({
  send: async () => undefined,
  onMessage: () => undefined,
  onError: () => undefined,
  close: async () => undefined,
});

function exporter(log: string[] = [], settingsFor?: ExporterOptions['settingsFor']): Exporter {
  const m = { ...defaultModule('LAN_2_0'), user: 'admin', password: Buffer.from('s3cret-pw') };
  const config: ExporterConfig = {
    modules: new Map([
      ['default', m],
      ['local', defaultModule('OPEN')],
    ]),
    notes: [],
  };
  return new Exporter(
    {
      config,
      concurrency: 4,
      ...(settingsFor ? { settingsFor } : {}),
      localBmc: () => false,
      processStats: () => ({ cpuSeconds: 1.5, rssBytes: 1000, openFds: 7, maxFds: 1024, startTimeSeconds: 1_700_000_000 }),
    },
    { clock: systemClock, random: systemRandom, connect: silent, env: {}, registry: builtInRegistry, log: (l) => log.push(l) },
  );
}

describe('exporter HTTP requests', () => {
  it('answers bad requests with a status and one line', async () => {
    const ex = exporter();
    const get = (url: string, method = 'GET') => ex.handle(method, url, {});
    const cases: Array<[string, number, string, string?]> = [
      ['/nope', 404, 'unknown path /nope: use /ipmi?target=HOST&module=NAME or /metrics\n'],
      ['/ipmi', 400, "give exactly one 'target' parameter (HOST or HOST:PORT)\n"],
      ['/ipmi?target=', 400, "give exactly one 'target' parameter (HOST or HOST:PORT)\n"],
      ['/ipmi?target=a&target=b', 400, "give exactly one 'target' parameter (HOST or HOST:PORT)\n"],
      ['/ipmi?target=a&module=nope', 400, "unknown module 'nope': the config has default, local\n"],
      ['/ipmi?target=a&module=local', 400, "module 'local' uses driver OPEN: the local BMC is served on /metrics\n"],
      ['/ipmi?target=a:99999', 400, "bad target 'a:99999': expected HOST, HOST:PORT or [IPv6]:PORT\n"],
      ['/ipmi?target=a&password=x', 400, "unknown query parameter 'password': only target and module are accepted\n"],
      ['/ipmi?target=a', 405, 'method POST not allowed: use GET\n', 'POST'],
    ];
    for (const [url, status, body, method] of cases) {
      const r = await get(url, method);
      expect([url, r.status, r.body]).toEqual([url, status, body]);
    }
  });

  it('parses targets as ipmi_exporter passes them to FreeIPMI', () => {
    expect(parseTarget('10.0.0.1')).toEqual({ host: '10.0.0.1', port: 623 });
    expect(parseTarget('bmc1:6230')).toEqual({ host: 'bmc1', port: 6230 });
    expect(parseTarget('[fe80::1]:624')).toEqual({ host: 'fe80::1', port: 624 });
    expect(parseTarget('fe80::1')).toEqual({ host: 'fe80::1', port: 623 });
    expect(parseTarget('a b')).toBeUndefined();
    expect(parseTarget('user@host')).toBeUndefined();
    expect(parseTarget('h:0')).toBeUndefined();
  });

  it('answers ipmi_up 0 for a silent BMC within the Prometheus deadline, and never logs the password', async () => {
    const log: string[] = [];
    const ex = exporter(log);
    const t0 = Date.now();
    const r = await ex.handle('GET', '/ipmi?target=127.0.0.1:9', { 'x-prometheus-scrape-timeout-seconds': '1' });
    const ms = Date.now() - t0;
    expect(r.status).toBe(200);
    expect(r.body).toContain('ipmi_up{collector="ipmi"} 0');
    expect(r.body).toContain('ipmi_up{collector="bmc"} 0');
    expect(ms).toBeLessThan(1000);
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(log.join('\n')).not.toContain('s3cret');
    expect(r.body).not.toContain('s3cret');
    const self = await ex.handle('GET', '/metrics', {});
    expect(self.body).toContain('process_open_fds 7\n');
    expect(self.body).toContain('process_cpu_seconds_total 1.5\n');
    expect(self.body).toMatch(/ipmits_exporter_scrapes_total\{outcome="(done|deadline)"\} 1/);
  });

  it('takes per-target settings from the inventory: its port when the target names none; a failure is ipmi_up 0', async () => {
    const log: string[] = [];
    const asked: string[] = [];
    const ex = exporter(log, async (host, label) => {
      asked.push(`${host} ${label}`);
      if (host === 'broken') throw new Error('password variable BMC_PW is not set');
      return { port: 6230, user: 'inv-user' };
    });
    const h = { 'x-prometheus-scrape-timeout-seconds': '1' };
    await ex.handle('GET', '/ipmi?target=127.0.0.1', h);
    await ex.handle('GET', '/ipmi?target=127.0.0.1:7000', h);
    const r = await ex.handle('GET', '/ipmi?target=broken', h);
    expect(asked).toEqual(['127.0.0.1 127.0.0.1', '127.0.0.1 127.0.0.1:7000', 'broken broken']);
    // Each scrape ran out of time against the silent BMC (the exporter's deadline or the session's, whichever fired first).
    expect(log.some((l) => l.startsWith('target 127.0.0.1:6230'))).toBe(true);
    expect(log.some((l) => l.startsWith('target 127.0.0.1:7000'))).toBe(true);
    expect(log.some((l) => l.startsWith('target 127.0.0.1:623 '))).toBe(false);
    expect(log).toContain('target broken: inventory: password variable BMC_PW is not set');
    expect(r.body).toContain('ipmi_up{collector="ipmi"} 0');
  });

  it('serves the local BMC on /metrics through /dev/ipmi0 when the device exists', async () => {
    // Get Device ID: firmware 2.45, IPMI 2.0, manufacturer 4753 (MontaVista), product 5253h; Get Chassis Status: power on.
    const deviceId = [0x20, 0x01, 0x02, 0x45, 0x51, 0xbf, 0x91, 0x12, 0x00, 0x53, 0x52];
    // DCMI Get Power Reading (group 2Ch, cmd 02h): DCh, current 320 W, min, max, average, timestamp, period, state (40h: active).
    const power = [0xdc, 0x40, 0x01, 0x10, 0x01, 0x80, 0x01, 0x30, 0x01, 0, 0, 0, 0, 0xe8, 0x03, 0, 0, 0x40];
    const replies: Record<string, number[] | undefined> = {
      '6/1': deviceId,
      '0/1': [0x01, 0x00, 0x40],
      '44/2': power,
      // Supermicro OEM LAN mode (30h/70h 0Ch 00h): 01h = shared.
      '48/112': [0x01],
    };
    const dev = new MockIpmiDev({
      clock: systemClock,
      respond: (r) => {
        const data = replies[`${r.netfn}/${r.cmd}`];
        return data ? { cc: 0, data } : { cc: 0xc1 };
      },
    });
    const config: ExporterConfig = { modules: new Map([['default', defaultModule('LAN_2_0')]]), notes: [] };
    const ex = new Exporter(
      {
        config,
        concurrency: 1,
        localModule: { ...defaultModule('OPEN'), collectors: ['bmc', 'chassis', 'dcmi', 'sm-lan-mode', 'sel'] },
        localBmc: () => true,
        processStats: () => ({ cpuSeconds: 0, rssBytes: 1, openFds: undefined, maxFds: undefined, startTimeSeconds: 0 }),
      },
      {
        clock: systemClock,
        random: systemRandom,
        connect: silent,
        env: {},
        ipmiDev: () => ({ binding: dev }),
        registry: builtInRegistry,
        log: () => undefined,
      },
    );
    const r = await ex.handle('GET', '/metrics', {});
    expect(r.body).toContain('ipmi_bmc_info{firmware_revision="2.45",manufacturer_id="MontaVista Software, Inc. (4753)",system_firmware_version="N/A"} 1');
    expect(r.body).toContain('ipmi_chassis_power_state 1');
    expect(r.body).toContain('ipmi_up{collector="bmc"} 1');
    expect(r.body).toContain('ipmi_dcmi_power_consumption_watts 320\n');
    expect(r.body).toContain('ipmi_config_lan_mode 1\n');
    expect(r.body).toContain('ipmi_up{collector="dcmi"} 1');
    expect(r.body).toContain('ipmi_up{collector="sm-lan-mode"} 1');
    // Get SEL Info refused (C1h): that collector alone is down.
    expect(r.body).toContain('ipmi_up{collector="sel"} 0');
    expect(r.body).toContain('ipmits_exporter_uptime_seconds');
    expect(r.body).not.toContain('ipmits_scrape_packets_sent');
    expect(dev.openAttempts).toContain('/dev/ipmi0');
  });
});
