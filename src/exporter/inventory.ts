/**
 * The ipmits inventory (src/fleet/inventory.ts, TOML) as a source of per-BMC settings for the
 * exporter: `--inventory FILE` makes each target's user, password, Kg, privilege, interface, cipher
 * suite and port those the inventory gives that host, on top of the scrape's module. Secrets are
 * resolved once per source (files must be private; no prompting: the exporter has no terminal).
 */
import { hostSettings, secretResolver, type Inventory, type InventoryDeps } from '../fleet/inventory.js';
import type { Driver, Module } from './config.js';

const DRIVER: Readonly<Record<string, Driver>> = { lan: 'LAN', lanplus: 'LAN_2_0', open: 'OPEN' };

/** What the inventory changes for one target (label: the target as Prometheus sent it). */
export type SettingsFor = (host: string, label: string) => Promise<Partial<Module>>;

export function inventorySettings(inv: Inventory, deps: InventoryDeps): SettingsFor {
  const secret = secretResolver({ ...deps, prompt: async () => undefined });
  return async (host, label) => {
    const s = hostSettings(inv, { label, host });
    const out: Partial<Module> = {};
    if (s.user !== undefined) out.user = s.user;
    if (s.password !== undefined) out.password = await secret(s.password, 'password');
    if (s.kg !== undefined) out.kg = await secret(s.kg, 'kg');
    if (s.privilege !== undefined) out.privilege = s.privilege;
    if (s.interface !== undefined) out.driver = DRIVER[s.interface]!;
    if (s.cipherSuite !== undefined) out.cipherSuite = s.cipherSuite;
    if (s.port !== undefined) out.port = s.port;
    return out;
  };
}
