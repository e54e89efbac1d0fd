import { describe, expect, it } from 'vitest';
import { parseGlobalOptions } from '../cli/global-options.js';
import { UsageError } from '../errors.js';
import { WORKAROUNDS, parseWorkarounds } from './workarounds.js';

describe('-W workarounds', () => {
  it('FreeIPMI names, comma-separated, any case; sun20 and intel20 bring opensesspriv', () => {
    expect(parseWorkarounds('authcap, NoChecksumCheck')).toEqual({ set: new Set(['authcap', 'nochecksumcheck']) });
    expect(parseWorkarounds('sun20')).toEqual({ set: new Set(['sun20', 'opensesspriv']) });
    expect(parseWorkarounds('intel20')).toEqual({ set: new Set(['intel20', 'opensesspriv']) });
  });

  it('"none" clears what came before it; the first unknown name is reported', () => {
    expect(parseWorkarounds('authcap,none,idzero')).toEqual({ set: new Set(['idzero']) });
    expect(parseWorkarounds('authcap,assumeio,bogus')).toEqual({ unknown: 'assumeio' });
  });

  it('as a global option: repeatable, accumulating; an unknown name is a usage error', () => {
    const p = parseGlobalOptions(['-W', 'authcap', '-H', 'h', '-W', 'endianseq', 'power', 'status']);
    expect(p.kind === 'run' && [...(p.options.workarounds ?? [])]).toEqual(['authcap', 'endianseq']);
    expect(() => parseGlobalOptions(['-W', 'nosuchflag', 'power', 'status'])).toThrow(UsageError);
    expect(() => parseGlobalOptions(['-W', 'nosuchflag'])).toThrow(/^Unknown workaround 'nosuchflag' for -W \(known: authcap, /);
  });

  it('every name has its line of help', () => {
    for (const [name, text] of Object.entries(WORKAROUNDS)) expect(text.length, name).toBeGreaterThan(20);
  });
});
