// Summarises the desk's V8 CPU profile (written by --cpu-prof when bench:sip runs with --profile):
// where the desk's own CPU time went, by function (self time) and by source file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const root = fileURLToPath(new URL('../', import.meta.url));

function shortUrl(url: string): string {
  if (!url) return '';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const inModules = path.lastIndexOf('node_modules/');
  return inModules >= 0 ? path.slice(inModules + 'node_modules/'.length) : path.startsWith(root) ? relative(root, path) : path;
}

/** The newest profile in `dir` (the desk's main thread; workers write their own, smaller files). */
export function newestProfile(dir: string): string | undefined {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
  // The main thread's profile is the largest: the eSpeak worker's only covers its few renders.
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

export function summariseProfile(file: string, top = 20): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Each sample's time is the delta to the next one: that is how long the sampled frame was on the CPU.
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i + 1] ?? 0));
  }
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let busyUs = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    busyUs += us;
    const where = shortUrl(url);
    const fn = `${functionName || '(anonymous)'}${where ? ` ${where}:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const fileKey = where || functionName;
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
  }
  const wallUs = profile.endTime - profile.startTime;
  const pct = (us: number) => `${((100 * us) / Math.max(1, busyUs)).toFixed(1).padStart(5)}%`;
  const list = (map: Map<string, number>) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => `    ${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  return [
    `desk CPU profile ${file}`,
    `  main thread busy ${(busyUs / 1e6).toFixed(1)} s of ${(wallUs / 1e6).toFixed(1)} s profiled`,
    '  self time by function:',
    ...list(byFunction),
    '  self time by file:',
    ...list(byFile).slice(0, 12),
  ].join('\n');
}
