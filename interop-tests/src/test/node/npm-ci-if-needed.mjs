// Installs the interop peers with `npm ci` (run by the Maven build before the integration tests),
// unless interop-tests/node_modules already holds exactly what package-lock.json describes.
//
// "Already holds" means: npm's own record of the installed tree (node_modules/.package-lock.json)
// lists every package of package-lock.json with identical fields, except optional packages for
// other platforms, and package-lock.json's root dependencies match package.json's.
//
// Usage (from interop-tests): node src/test/node/npm-ci-if-needed.mjs [--if-needed | --force-ci]
// Install scripts are not run (--ignore-scripts): the peers need none, and it keeps the install
// free of native builds and of downloads from anywhere but the npm registry.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const root = process.cwd();
const force = process.argv.includes('--force-ci');
const NPM_TIMEOUT_MS = 15 * 60 * 1000;

function readJson(file) {
  return JSON.parse(readFileSync(path.join(root, file), 'utf8'));
}

/** Why node_modules is not up to date, or null when it is. */
function staleReason() {
  if (!existsSync(path.join(root, 'package-lock.json'))) return 'there is no package-lock.json';
  if (!existsSync(path.join(root, 'node_modules/.package-lock.json'))) return 'node_modules is not installed';
  const manifest = readJson('package.json');
  const lock = readJson('package-lock.json');
  const installed = readJson('node_modules/.package-lock.json');
  const lockRoot = lock.packages[''] || {};
  if (!isDeepStrictEqual(lockRoot.dependencies || {}, manifest.dependencies || {})) {
    return 'package-lock.json does not match package.json (let npm ci report it)';
  }
  for (const [name, entry] of Object.entries(installed.packages)) {
    if (name === '') continue;
    if (!isDeepStrictEqual(entry, lock.packages[name])) return `${name} differs from the lock`;
  }
  for (const [name, entry] of Object.entries(lock.packages)) {
    if (name === '' || name in installed.packages) continue;
    // npm leaves out optional packages of other platforms and extraneous entries.
    if (!(entry.optional || entry.extraneous || entry.peer || entry.devOptional)) {
      return `${name} is missing`;
    }
  }
  return null;
}

const reason = force ? '--force-ci was given' : staleReason();
if (reason === null) {
  console.log('[interop-tests] node_modules matches package-lock.json; skipping npm ci');
  process.exit(0);
}
console.log(`[interop-tests] running npm ci: ${reason}`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
  cwd: root,
  stdio: 'inherit',
  timeout: NPM_TIMEOUT_MS,
  shell: process.platform === 'win32',
});
if (result.error) {
  const missing = result.error.code === 'ENOENT';
  console.error(
    missing
      ? '[interop-tests] npm was not found on PATH: install Node.js with npm (18 or newer), then rerun.'
      : `[interop-tests] npm ci failed to run: ${result.error.message}`,
  );
  process.exit(1);
}
if (result.status !== 0) {
  console.error(`[interop-tests] npm ci exited with ${result.status ?? result.signal}`);
  process.exit(1);
}
