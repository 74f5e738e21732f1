// Summarises a V8 .cpuprofile (from `node --cpu-prof`): where the self time goes, by function and by
// package. Used by run.ts when BENCH_PROFILE=1; also runnable alone:
//   node bin/run-ts.mjs bench/profile-summary.ts bench/out/<file>.cpuprofile
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Time the main thread spent waiting (event loop idle). Shares below are of the rest, the busy time. */
  idleMs: number;
  byFunction: Array<{ name: string; ms: number; share: number }>;
  byGroup: Array<{ name: string; ms: number; share: number }>;
  /** Self plus callees, for frames of the project and its packages (not node internals). */
  inclusive: Array<{ name: string; ms: number; share: number }>;
  /** Every group's and function's self time, ms (for comparing two profiles). */
  allGroups: Record<string, number>;
  allFunctions: Record<string, number>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function location(url: string): string {
  if (!url) return '';
  try {
    return url.startsWith('file:') ? relative(ROOT, fileURLToPath(url)) : url;
  } catch {
    return url;
  }
}

/** The package or project area a frame belongs to: node_modules/<pkg>, src/<dir>, node:internal, … */
function group(node: ProfileNode): string {
  const fn = node.callFrame.functionName;
  const loc = location(node.callFrame.url);
  if (!loc)
    return fn === '(garbage collector)' ? '(garbage collector)' : fn.startsWith('(') ? fn : '(native/V8)';
  const nm = loc.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = loc.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? loc);
  }
  if (loc.startsWith('node:'))
    return loc.startsWith('node:internal/') ? 'node:internal (http, streams, …)' : loc;
  const parts = loc.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : loc;
}

export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    total += dt;
  });
  const nameOf = (node: ProfileNode) => {
    const { functionName, lineNumber } = node.callFrame;
    const loc = location(node.callFrame.url);
    return `${functionName || '(anonymous)'}${loc ? ` ${loc}:${lineNumber + 1}` : ''}`;
  };
  const fnTotals = new Map<string, number>();
  const groupTotals = new Map<string, number>();
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    if (node.callFrame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    fnTotals.set(nameOf(node), (fnTotals.get(nameOf(node)) ?? 0) + us);
    const g = group(node);
    groupTotals.set(g, (groupTotals.get(g) ?? 0) + us);
  }
  // Inclusive time: each node's self time plus its descendants'; a function counted once per stack.
  const inclusiveTotals = new Map<string, number>();
  const walk = (id: number, onStack: Set<string>): number => {
    const node = byId.get(id);
    if (!node) return 0;
    const name = nameOf(node);
    const fresh = !onStack.has(name);
    if (fresh) onStack.add(name);
    let us = selfUs.get(id) ?? 0;
    for (const child of node.children ?? []) us += walk(child, onStack);
    if (fresh) {
      onStack.delete(name);
      const loc = location(node.callFrame.url);
      if (loc && !loc.startsWith('node:') && !loc.includes('node_modules/tsx/')) {
        inclusiveTotals.set(name, (inclusiveTotals.get(name) ?? 0) + us);
      }
    }
    return us;
  };
  const root = profile.nodes[0];
  if (root) walk(root.id, new Set());
  const busy = total - idle;
  const rank = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busy ? us / busy : 0 }));
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    byFunction: rank(fnTotals, top),
    byGroup: rank(groupTotals, top),
    inclusive: rank(inclusiveTotals, top),
    allGroups: Object.fromEntries([...groupTotals].map(([k, us]) => [k, us / 1000])),
    allFunctions: Object.fromEntries([...fnTotals].map(([k, us]) => [k, us / 1000])),
  };
}

export function formatProfileSummary(summary: ProfileSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)} %`;
  const busy = summary.totalMs - summary.idleMs;
  const lines = [
    `CPU profile of the server: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy, ${summary.totalMs ? Math.round((summary.idleMs / summary.totalMs) * 100) : 0} % idle; shares are of the busy time`,
    '  self time by package/area:',
  ];
  for (const g of summary.byGroup) lines.push(`    ${pct(g.share)}  ${g.name}`);
  lines.push('  self time by function (top):');
  for (const f of summary.byFunction) lines.push(`    ${pct(f.share)}  ${f.name}`);
  lines.push('  inclusive time (self + callees), project and package frames:');
  for (const f of summary.inclusive) lines.push(`    ${pct(f.share)}  ${f.name}`);
  return lines.join('\n');
}

/**
 * Where one server spends more than another, per request: self time by group (and top functions) in µs
 * per request for each profile, and the difference.
 */
export function compareProfiles(
  a: { label: string; summary: ProfileSummary; requests: number },
  b: { label: string; summary: ProfileSummary; requests: number },
  top = 12,
): string {
  const perRequest = (ms: number | undefined, requests: number) => ((ms ?? 0) * 1000) / Math.max(1, requests);
  const table = (key: 'allGroups' | 'allFunctions', title: string): string[] => {
    const names = new Set([...Object.keys(a.summary[key]), ...Object.keys(b.summary[key])]);
    const rows = [...names]
      .map((name) => {
        const x = perRequest(a.summary[key][name], a.requests);
        const y = perRequest(b.summary[key][name], b.requests);
        return { name, x, y, d: x - y };
      })
      .sort((p, q) => Math.abs(q.d) - Math.abs(p.d))
      .slice(0, top);
    const lines = [`  ${title} (µs per request: ${a.label} | ${b.label} | difference)`];
    for (const r of rows) {
      lines.push(
        `    ${r.x.toFixed(1).padStart(7)} | ${r.y.toFixed(1).padStart(7)} | ${(r.d >= 0 ? '+' : '') + r.d.toFixed(1).padStart(6)}  ${r.name}`,
      );
    }
    return lines;
  };
  const busy = (s: ProfileSummary, requests: number) => perRequest(s.totalMs - s.idleMs, requests);
  return [
    `Profiles compared: busy ${busy(a.summary, a.requests).toFixed(1)} µs/request (${a.label}) vs ${busy(b.summary, b.requests).toFixed(1)} µs/request (${b.label}), main thread`,
    ...table('allGroups', 'self time by package/area, largest differences'),
    ...table('allFunctions', 'self time by function, largest differences'),
  ].join('\n');
}

if (process.argv[2] && import.meta.url === pathToFileURL(process.argv[2]).href) {
  const file = process.argv[3];
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile>');
  process.stdout.write(`${formatProfileSummary(summariseProfile(file, 25))}\n`);
}
