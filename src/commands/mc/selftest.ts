/** `mc selftest`: Get Self Test Results. IPMI v2.0 §20.4. */
import { CommandError } from '../../errors.js';
import { getSelfTestResults } from '../../ipmi/cmds/app/get-self-test-results.js';
import type { Context } from '../../cli/context.js';
import { report, type Report } from '../report.js';
import { noMoreArgs } from './args.js';
import { invoke } from '../invoke.js';

/** Byte 2 codes. IPMI v2.0 §20.4 Table 20-4. */
export const SelfTestCode = { Passed: 0x55, NotImplemented: 0x56, DeviceError: 0x57, FatalError: 0x58, Reserved: 0xff } as const;

/** Byte 3 for code 57h, most significant bit first, in ipmitool's words and order. */
export const SELFTEST_FAILURES: readonly (readonly [mask: number, text: string])[] = [
  [0x80, 'SEL device not accessible'],
  [0x40, 'SDR repository not accessible'],
  [0x20, 'FRU device not accessible'],
  [0x10, 'IPMB signal lines do not respond'],
  [0x08, 'SDR repository empty'],
  [0x04, 'Internal Use Area corrupted'],
  [0x02, 'Controller update boot block corrupted'],
  [0x01, 'controller operational firmware corrupted'],
];

export interface McSelfTest {
  code: number;
  detail: number;
  result: 'passed' | 'not implemented' | 'device error' | 'fatal error' | 'reserved' | 'device specific';
  /** Code 57h: what failed. */
  failures: string[];
}

const RESULTS: Readonly<Record<number, McSelfTest['result']>> = {
  [SelfTestCode.Passed]: 'passed',
  [SelfTestCode.NotImplemented]: 'not implemented',
  [SelfTestCode.DeviceError]: 'device error',
  [SelfTestCode.FatalError]: 'fatal error',
  [SelfTestCode.Reserved]: 'reserved',
};

export function viewSelfTest(code: number, detail: number): McSelfTest {
  const result = RESULTS[code] ?? 'device specific';
  const failures = code === SelfTestCode.DeviceError ? SELFTEST_FAILURES.filter(([m]) => detail & m).map(([, t]) => t) : [];
  return { code, detail, result, failures };
}

export async function selftest(ctx: Context, args: string[]): Promise<Report<McSelfTest>> {
  noMoreArgs(args, 'mc selftest');
  const r = await invoke(ctx, getSelfTestResults, undefined, {
    failed: (d) => `Bad response: (${d})`,
    // ipmitool's message ends in a newline of its own: an empty line follows.
    noResponse: 'No response from devices\n',
  });
  const v = viewSelfTest(r.result, r.detail);
  // ipmitool fails (exit 1) after printing these, with nothing on stderr.
  if (v.result === 'passed' || v.result === 'device specific') return report('mc.selftest', v);
  const failure = new CommandError('', 'selftest-failed').withDetail(`Self test result: ${v.result}`);
  return report('mc.selftest', v, { failure });
}
