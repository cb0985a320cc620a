// Prints the fault suite's figures (.reports/faults.json, written by e2e/faults.spec.ts) as the
// table in docs/reliability.md. Reproduce: `bash scripts/e2e.sh e2e/faults.spec.ts && npx tsx bench/faults.ts`.
import fs from 'node:fs';
import path from 'node:path';

interface Scenario {
  target: string;
  mode: string;
  boundMs: number;
  requests: number;
  lost: number;
  maxMs: number;
  staleMarked: boolean | null;
  mutation: { route: string; status: number; ms: number; code: string | null; auditRows: number; sideEffects: number; executedWithoutAudit: number } | null;
  convergeMs: number | null;
}

const file = path.resolve(process.argv[2] ?? '.reports/faults.json');
if (!fs.existsSync(file)) {
  process.stderr.write(`${file} not found: run \`bash scripts/e2e.sh e2e/faults.spec.ts\` first\n`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { at: string; boundMs: number; totals: Record<string, number>; scenarios: Scenario[] };
const s = (ms: number | null) => (ms === null ? '–' : ms < 1_000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
const yes = (b: boolean | null) => (b === null ? '–' : b ? 'yes' : 'NO');

const rows = report.scenarios.map((r) => [
  r.target,
  r.mode,
  s(r.boundMs),
  String(r.requests),
  String(r.lost),
  s(r.maxMs),
  yes(r.staleMarked),
  r.mutation ? `${r.mutation.status} ${r.mutation.code ?? ''} in ${s(r.mutation.ms)}; audit ${r.mutation.auditRows}; upstream writes ${r.mutation.sideEffects}` : '–',
  String(r.mutation?.executedWithoutAudit ?? 0),
  // null: not measured (the main-panel check); elsewhere the spec fails when a source never converges.
  s(r.convergeMs),
]);
const head = ['upstream', 'fault', 'bound', 'requests', 'lost', 'slowest', 'stale marked', 'mutation', 'executed w/o audit', 'converged after'];
const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
process.stdout.write(`Fault suite, ${report.at} (short bound ${report.boundMs} ms on the fault panel)\n\n`);
process.stdout.write(`${[line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')}\n\n`);
process.stdout.write(`${Object.entries(report.totals)
  .map(([k, v]) => `${k}: ${v}`)
  .join(', ')}\n`);
