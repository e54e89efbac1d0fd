#!/usr/bin/env node
// Writes completions/ipmits.bash, completions/_ipmits and completions/ipmits.fish from the
// compiled CLI (`ipmits completion SHELL`), so the npm package ships them (docs/completion.md).
// Run by `npm run prepare` after tsc.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'completions');
mkdirSync(out, { recursive: true });
for (const [shell, file] of [
  ['bash', 'ipmits.bash'],
  ['zsh', '_ipmits'],
  ['fish', 'ipmits.fish'],
]) {
  const script = execFileSync(process.execPath, [join(root, 'bin', 'ipmits'), 'completion', shell], { encoding: 'utf8' });
  writeFileSync(join(out, file), script);
}
process.stderr.write(`completions: ${out}/{ipmits.bash,_ipmits,ipmits.fish}\n`);
