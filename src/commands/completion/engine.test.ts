import { describe, expect, it } from 'vitest';
import type { CommandSet } from '../../runtime/command-set.js';
import { complete, type NameContext } from './engine.js';

/** A registry of two families, the shape src/cli/commands.ts builds from the real one. */
const SET: CommandSet = {
  families: [
    { name: 'sensor', desc: 'sensors', listed: true, load: async () => ({ words: { get: ['@sensor'], list: null } }) },
    { name: 'watchdog', desc: 'daemon', listed: true, load: async () => ({ words: { run: ['--countdown <sec>', '--action reset none', '--force'] } }) },
    { name: 'echo', listed: false, load: async () => ({}) },
  ],
  options: [
    { flag: '-H', desc: 'host', takesValue: true, values: ['@host'] },
    { flag: '-I', desc: 'interface', takesValue: true, values: ['lan', 'lanplus', 'open'] },
    { flag: '-p', desc: 'port', takesValue: true },
    { flag: '-v', desc: 'verbose', takesValue: false },
  ],
};

const seen: { kind: string; at: NameContext }[] = [];
const names = async (kind: string, at: NameContext): Promise<string[]> => {
  seen.push({ kind, at: { ...at } });
  return kind === '@sensor' ? ['CPU1 Temp', 'FAN 1'] : ['bmc1', 'bmc2'];
};
const words = async (before: string[], current: string): Promise<string[]> => (await complete(SET, before, current, names)).map((c) => c.word);

describe('completion engine', () => {
  it('families (listed only) and help; descriptions from the registry', async () => {
    expect(await words([], '')).toEqual(['sensor', 'watchdog', 'help']);
    expect(await complete(SET, [], 'w', names)).toEqual([{ word: 'watchdog', desc: 'daemon' }]);
  });

  it('global options anywhere, their values after them, -v taking none', async () => {
    expect(await words([], '-')).toEqual(['-H', '-I', '-p', '-v']);
    expect(await words(['-I'], 'lan')).toEqual(['lan', 'lanplus']);
    expect(await words(['-v', 'sensor'], '')).toEqual(['get', 'list']);
    expect(await words(['sensor', '-I', 'lan'], 'l')).toEqual(['list']);
    expect(await words(['-p'], '')).toEqual([]);
  });

  it('names from local sources, with the -H and -p of the line (also getopt-style -Hhost)', async () => {
    seen.length = 0;
    expect(await words(['-H', 'bmc7', '-p', '6230', 'sensor', 'get'], 'F')).toEqual(['FAN 1']);
    expect(seen).toEqual([{ kind: '@sensor', at: { host: 'bmc7', port: '6230' } }]);
    seen.length = 0;
    await words(['-Hbmc8', 'sensor', 'get', 'CPU1 Temp'], '');
    expect(seen[0]!.at.host).toBe('bmc8');
    expect(await words(['-H'], 'bmc')).toEqual(['bmc1', 'bmc2']);
  });

  it("a family's options list: repeatable, values after an option that takes some", async () => {
    expect(await words(['watchdog', 'run'], '--')).toEqual(['--countdown', '--action', '--force']);
    expect(await words(['watchdog', 'run', '--force'], '--c')).toEqual(['--countdown']);
    expect(await words(['watchdog', 'run', '--action'], '')).toEqual(['reset', 'none']);
    expect(await words(['watchdog', 'run', '--countdown'], '')).toEqual([]);
  });

  it('nothing for unknown families, hidden ones without words, or words past the tree', async () => {
    expect(await words(['nosuch'], '')).toEqual([]);
    expect(await words(['echo'], '')).toEqual([]);
    expect(await words(['sensor', 'list'], '')).toEqual([]);
  });
});
