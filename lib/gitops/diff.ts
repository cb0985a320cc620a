// Unified diff (`git diff` style, 3 lines of context) of one file, for the preview and the tests.
// Overlays are small, so a plain LCS table is fast enough and easy to trust.

export interface DiffLine {
  kind: 'context' | 'add' | 'del';
  text: string;
  oldNo: number | null;
  newNo: number | null;
}

export interface Hunk {
  header: string;
  lines: DiffLine[];
}

function splitLines(s: string): string[] {
  if (s === '') return [];
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Every line of both sides, in order, marked unchanged / removed / added. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ kind: 'context', text: a[i], oldNo: i + 1, newNo: j + 1 });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] > lcs[i + 1][j])) {
      out.push({ kind: 'add', text: b[j], oldNo: null, newNo: j + 1 });
      j++;
    } else {
      out.push({ kind: 'del', text: a[i], oldNo: i + 1, newNo: null });
      i++;
    }
  }
  return out;
}

export function hunks(before: string, after: string, context = 3): Hunk[] {
  const lines = diffLines(before, after);
  const changed = lines.map((l, k) => (l.kind === 'context' ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) return [];
  const ranges: [number, number][] = [];
  for (const k of changed) {
    const lo = Math.max(0, k - context);
    const hi = Math.min(lines.length - 1, k + context);
    const last = ranges[ranges.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else ranges.push([lo, hi]);
  }
  return ranges.map(([lo, hi]) => {
    const slice = lines.slice(lo, hi + 1);
    const oldLines = slice.filter((l) => l.kind !== 'add');
    const newLines = slice.filter((l) => l.kind !== 'del');
    const oldStart = oldLines[0]?.oldNo ?? (lines.slice(0, lo).filter((l) => l.kind !== 'add').length);
    const newStart = newLines[0]?.newNo ?? (lines.slice(0, lo).filter((l) => l.kind !== 'del').length);
    return { header: `@@ -${oldStart},${oldLines.length} +${newStart},${newLines.length} @@`, lines: slice };
  });
}

const SIGN = { context: ' ', add: '+', del: '-' } as const;

/** `--- a/path` / `+++ b/path` and the hunks, as `git diff` prints them ('' when nothing changed). */
export function unifiedDiff(path: string, before: string, after: string): string {
  const hs = hunks(before, after);
  if (hs.length === 0) return '';
  const out = [`--- a/${path}`, `+++ b/${path}`];
  for (const h of hs) {
    out.push(h.header);
    for (const l of h.lines) out.push(SIGN[l.kind] + l.text);
  }
  return out.join('\n') + '\n';
}
