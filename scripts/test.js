#!/usr/bin/env node
// The one test command: type check, build the web app, make sure the real peers are installed,
// then run the tiers in two lanes at once: the end-to-end files (real server, SIP peers,
// Chromium), which mostly wait on the clock, beside the unit and feature files, which mostly
// compute. Each lane is one `node --test` run; the end-to-end lane streams as it goes, the other
// lane's report is printed whole when it ends, and the command fails if either lane fails.
import { spawn, spawnSync } from 'node:child_process';
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

// A test that hangs fails after its timeout, and a file whose test left a handle open (a socket, a child
// process) still ends once its tests are done: CI never waits on a run that has nothing left to do.
const nodeTest = ['--import', 'tsx', '--test', '--test-force-exit', '--test-timeout=300000', '--test-reporter=spec'];

/** One lane: a `node --test` run over `files`; its output streams, or is kept until it ends. */
function lane(name, files, stream) {
  return new Promise((resolve) => {
    const startedAt = Date.now();
    const child = spawn(process.execPath, [...nodeTest, ...files], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const kept = [];
    const take = (target) => (chunk) => (stream ? target.write(chunk) : kept.push(chunk));
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    child.on('close', (code, signal) => {
      if (!stream) process.stdout.write(Buffer.concat(kept));
      const seconds = Math.round((Date.now() - startedAt) / 1000);
      console.log(`\n── lane "${name}": ${files.length} files, ${seconds} s, ${code === 0 ? 'passed' : `FAILED (exit ${code ?? signal})`}\n`);
      resolve(code === 0);
    });
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
const endToEnd = files.filter((f) => f.startsWith('test/e2e/'));
const inProcess = files.filter((f) => !f.startsWith('test/e2e/'));
const lanes = [];
if (endToEnd.length) lanes.push(lane('end-to-end', endToEnd, true));
if (inProcess.length) lanes.push(lane('unit and feature', inProcess, endToEnd.length === 0));
const passed = await Promise.all(lanes);
if (!passed.every(Boolean)) {
  console.error('the suite FAILED: see the lane reports above');
  process.exit(1);
}
console.log('the suite passed');
