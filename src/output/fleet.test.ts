import { describe, expect, it } from 'vitest';
import type { HostResult } from '../fleet/engine.js';
import { failureSummary, jsonLine, prefixLines, renderGathered } from './fleet.js';
import { renderFleetTable } from './fleet-table.js';

const r = (label: string, code: number, stdout: string, extra: Partial<HostResult> = {}): HostResult => ({
  target: { label, host: label },
  code,
  stdout,
  stderr: '',
  ms: 12.4,
  ...extra,
});

describe('fleet output', () => {
  it('prefixes every line with the host', () => {
    expect(prefixLines('bmc1', 'a\nb\n')).toBe('bmc1: a\nbmc1: b\n');
    expect(prefixLines('bmc1', 'no newline')).toBe('bmc1: no newline\n');
    expect(prefixLines('bmc1', '')).toBe('');
  });

  it('--gather: identical outputs under the folded host set, FreeIPMI header, fewest hosts first', () => {
    const results = [
      r('bmc1', 0, 'Chassis Power is on\n'),
      r('bmc7', 0, 'Chassis Power is off\n'),
      r('bmc2', 0, 'Chassis Power is on\n'),
      r('bmc3', 0, 'Chassis Power is on\n'),
      r('bmc9', 3, ''),
    ];
    expect(renderGathered(results)).toBe(
      '----------------\nbmc7\n----------------\nChassis Power is off\n' + '----------------\nbmc[1-3]\n----------------\nChassis Power is on\n',
    );
  });

  it('--json: one object per host with data or error', () => {
    expect(jsonLine(r('bmc1', 0, '{"power":"on"}\n'))).toBe('{"host":"bmc1","ok":true,"exitCode":0,"data":{"power":"on"},"ms":12}\n');
    expect(jsonLine(r('bmc2', 3, '', { error: { kind: 'timeout', message: 'No response' } }))).toBe(
      '{"host":"bmc2","ok":false,"exitCode":3,"error":{"kind":"timeout","message":"No response"},"ms":12}\n',
    );
    expect(
      JSON.parse(jsonLine(r('c', 1, '[]\n', { stderr: '{"error":{"code":"incomplete","layer":"command","message":"SDR walk ended early"}}\n' }))),
    ).toMatchObject({
      error: { kind: 'incomplete', message: 'SDR walk ended early' },
    });
    expect(JSON.parse(jsonLine(r('b', 1, '{"a":1}\n{"b":2}\n', { stderr: 'x\nlast words\n' })))).toMatchObject({
      data: [{ a: 1 }, { b: 2 }],
      error: { kind: 'failed', message: 'last words' },
    });
  });

  it('--table: one row per host', () => {
    const t = renderFleetTable([r('bmc1', 0, 'on\n'), r('bmc2', 3, '', { error: { kind: 'timeout', message: 'No response' } })], false);
    const rows = t.split('\n').filter((l) => l.includes('bmc'));
    expect(rows).toEqual(['│ bmc1 │ ok      │ 0    │ on          │', '│ bmc2 │ timeout │ 3    │ No response │']);
  });

  it('summarises the failed hosts by cause, most hosts first', () => {
    const results = [
      r('n1', 0, ''),
      r('n2', 3, '', { error: { kind: 'timeout', message: 'No response' } }),
      r('n3', 3, '', { error: { kind: 'timeout', message: 'No response' } }),
      r('n5', 4, '', { error: { kind: 'rakp2', message: 'Bad password' } }),
      r('n4', 1, ''),
    ];
    expect(failureSummary(results)).toBe('ipmits: 4 of 5 hosts failed\n  2 n[2-3]: timeout: No response\n  1 n5: rakp2: Bad password\n  1 n4: exit status 1\n');
    expect(failureSummary([r('n1', 0, '')])).toBe('');
  });
});
