/** `mc selftest`: Get Self Test Results. IPMI v2.0 §20.4. */
import { CommandError } from '../../errors.js';
import { getSelfTestResults } from '../../ipmi/cmds/app/get-self-test-results.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { noMoreArgs } from './args.js';
import { invoke } from '../shared/invoke.js';
import { SELFTEST_FAILURES, SelfTestCode } from '../../spec/selftest.js';

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
