/** `echo [words]`: ipmitool's hidden command for scripts run with `exec` (src/ipmishell.c ipmi_echo_main). */
import type { Context } from '../../runtime/context.js';
import { report, type Outcome } from '../../report.js';

export interface EchoData {
  words: string[];
}

export async function run(_ctx: Context, args: string[]): Promise<Outcome> {
  return report<EchoData>('echo.line', { words: args });
}
