#!/usr/bin/env node
// The one test command: type check, build the web app, make sure the real peers are installed,
// then run every tier in one `node --test` run so CI reads a single summary.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function testFiles(dir) {
  const full = join(root, dir);
  let entries = [];
  try {
    entries = readdirSync(full);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(full, name);
    if (statSync(path).isDirectory()) return testFiles(join(dir, name));
    return name.endsWith('.test.ts') ? [join(dir, name)] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length ? only : ['test/unit', 'test/feature', 'test/e2e'].flatMap(testFiles).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

if (!only.length) {
  run('bash', ['scripts/ensure-test-peers.sh']);
  run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  run('npx', ['vite', 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn']);
}
if (!process.env.TEST_DATABASE_URL) {
  console.error('note: TEST_DATABASE_URL is not set; the feature suites run on PGlite only');
}
run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
