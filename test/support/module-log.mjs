// Records every module the process resolves, for the lazy-start-up test (test/behaviour/lazy-start.test.ts):
//   IPMITS_MODULE_LOG=/tmp/file node --import ./test/support/module-log.mjs bin/ipmits -V
// The resolve hook (module-log-hooks.mjs) runs on Node's loader thread and appends one URL per line.
import { register } from 'node:module';

register('./module-log-hooks.mjs', import.meta.url, { data: { file: process.env.IPMITS_MODULE_LOG } });
