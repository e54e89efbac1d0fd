/** Integration tests run the compiled CLI (bin/ipmits -> lib/): compile once before them. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './run.js';

export default function setup(): void {
  if (process.env.IPMITS_BIN) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
}
