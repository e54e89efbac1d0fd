import { describe, expect, it } from 'vitest';
import { complete } from './completion.js';

describe('shell tab completion', () => {
  it('completes a family name and the space after it', () => {
    expect(complete('chas')).toEqual([['chassis '], 'chas']);
    expect(complete('  pow')).toEqual([['power '], 'pow']);
  });
  it('lists the candidates when several match', () => {
    expect(complete('s')[0]).toEqual(expect.arrayContaining(['sdr', 'sel', 'sol', 'shell', 'set']));
    expect(complete('e')).toEqual([['event', 'exec', 'exit'], 'e']);
  });
  it("completes a family's sub-commands", () => {
    expect(complete('chassis po')).toEqual([['power', 'policy', 'poh'], 'po']);
    expect(complete('chassis st')).toEqual([['status '], 'st']);
    expect(complete('set pa')).toEqual([['password '], 'pa']);
    expect(complete('power ')[0]).toEqual(['status', 'on', 'off', 'cycle', 'reset', 'diag', 'soft']);
  });
  it('nothing for unknown families or later words', () => {
    expect(complete('nosuch x')).toEqual([[], 'x']);
    expect(complete('chassis power o')).toEqual([[], 'o']);
  });
});
