import { describe, expect, it } from 'vitest';
import { maskSecrets } from './process-title.js';

describe('maskSecrets (what `ps` shows)', () => {
  it.each([
    [['-P', 'secret', 'power'], ['-P', 'XXXXXX', 'power']],
    [['-Psecret', 'power'], ['-PXXXXXX', 'power']],
    [['-vP', 'secret'], ['-vP', 'XXXXXX']],
    [['-k', 'kgkey', '-U', 'admin'], ['-k', 'XXXXX', '-U', 'admin']],
    [['-U', '-P', '-P', 'pw'], ['-U', '-P', '-P', 'XX']],
    [['-H', 'host', 'raw', '0x06', '0x01'], ['-H', 'host', 'raw', '0x06', '0x01']],
    [['--', '-P', 'literal'], ['--', '-P', 'literal']],
  ])('%j -> %j', (args, masked) => {
    expect(maskSecrets(args)).toEqual(masked);
  });

  it('keeps every length (the kernel buffer must not grow)', () => {
    const args = ['-I', 'lanplus', '-P', 'pässwörd', '-kkey'];
    expect(maskSecrets(args).map((a) => a.length)).toEqual(args.map((a) => a.length));
  });
});
