import { describe, expect, it } from 'vitest';
import { commandSet } from '../../cli/commands.js';
import type { LineHost } from '../../runtime/context.js';
import { stubContext } from '../../../test/fakes/stub-context.js';
import { completer } from './completion.js';

const host = {
  current: stubContext({}, { verify: false }).ctx,
  depth: 0,
  run: async () => 'ok' as const,
  update: async () => undefined,
  commands: async () => commandSet(),
} satisfies LineHost;

const complete = (line: string): Promise<[string[], string]> =>
  new Promise((resolve, reject) => completer(host, {})(line, (err, result) => (err ? reject(err) : resolve(result))));

describe('shell tab completion (the completion engine over the registry)', () => {
  it('completes a family name and the space after it', async () => {
    expect(await complete('chas')).toEqual([['chassis '], 'chas']);
    expect(await complete('  pow')).toEqual([['power '], 'pow']);
  });
  it('lists the candidates when several match, the shell words too', async () => {
    expect((await complete('s'))[0]).toEqual(expect.arrayContaining(['sdr', 'sel', 'sol', 'shell', 'set']));
    expect((await complete('e'))[0]).toEqual(expect.arrayContaining(['event', 'exec', 'exit']));
  });
  it("completes a family's sub-commands and their fixed arguments", async () => {
    expect(await complete('chassis po')).toEqual([['power', 'policy', 'poh'], 'po']);
    expect(await complete('chassis st')).toEqual([['status '], 'st']);
    expect(await complete('set pa')).toEqual([['password', 'pass'], 'pa']);
    expect(await complete('set passw')).toEqual([['password '], 'passw']);
    expect((await complete('power '))[0]).toEqual(['status', 'up', 'on', 'down', 'off', 'cycle', 'reset', 'diag', 'acpi', 'soft', 'help']);
    expect(await complete('chassis power o')).toEqual([['on', 'off'], 'o']);
    expect(await complete('chassis bootdev pxe op')).toEqual([['options='], 'op']);
  });
  it('nothing for unknown families or free arguments', async () => {
    expect(await complete('nosuch x')).toEqual([[], 'x']);
    expect(await complete('raw 0x06 ')).toEqual([[], '']);
  });
});
