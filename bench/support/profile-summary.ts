// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package/file, and the
// inclusive time of a few named frames. Used for docs/performance.md's "where the time goes".
//   npx tsx bench/support/profile-summary.ts <file.cpuprofile> [frame names to total inclusively…]
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const [file, ...frames] = process.argv.slice(2);
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = [...self.entries()].filter(([id]) => ['(idle)', '(program)'].includes(byId.get(id)!.callFrame.functionName)).reduce((a, [, v]) => a + v, 0);
const busy = total - idle;
const where = (u: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (m) return m[1];
  if (!u) return '(native/gc)';
  if (u.startsWith('node:')) return process.env.SPLIT_CORE ? u : 'node core';
  return u.replace(/^.*\/(\.next\/server\/)/, '$1').replace(/^file:\/\/.*\/standalone\//, '');
};
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const fns = new Map<string, number>();
const pkgs = new Map<string, number>();
for (const [id, t] of self) {
  const f = byId.get(id)!.callFrame;
  if (['(idle)', '(program)'].includes(f.functionName)) continue;
  add(fns, `${f.functionName || '(anonymous)'} ${where(f.url)}:${f.lineNumber}`, t);
  add(pkgs, where(f.url), t);
}
const top = (m: Map<string, number>, n: number) =>
  [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((100 * v) / busy).toFixed(1).padStart(5)} %  ${k}`).join('\n');
console.log(`busy ${busy.toFixed(0)} ms of ${total.toFixed(0)} ms sampled`);
console.log(`\nself time by package/file:\n${top(pkgs, 25)}`);
console.log(`\nself time by function:\n${top(fns, 40)}`);
for (const name of frames) {
  // inclusive: every sample with `name` somewhere on its stack (counted once per sample)
  let t = 0;
  prof.samples.forEach((id, i) => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      if (byId.get(cur)!.callFrame.functionName === name) {
        t += (prof.timeDeltas[i] ?? 0) / 1000;
        break;
      }
    }
  });
  console.log(`inclusive ${name}: ${((100 * t) / busy).toFixed(1)} % of busy time`);
}
