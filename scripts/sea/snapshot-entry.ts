/**
 * Entry of the Node SEA candidate with a V8 start-up snapshot (scripts/build.mjs --runtime sea --snapshot;
 * `npm run bench` compares it). At build time the CLI's modules are evaluated into the snapshot; at run
 * time the deserialized main function masks the secrets and runs the process as src/cli/index.ts does.
 */
import v8 from 'node:v8';
import { hideSecretsFromProcessList } from '../../src/cli/process-title.js';
import { nodeProcFiles } from '../../src/cli/process-title-node.js';
import { runProcess } from '../../src/cli/run-process.js';

v8.startupSnapshot.setDeserializeMainFunction(() => {
  const argv = process.argv.slice(2);
  hideSecretsFromProcessList(argv, nodeProcFiles);
  void runProcess(argv);
});
