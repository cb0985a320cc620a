// Memory probe for the benchmarks (docs/performance.md, "Memory"), loaded into the panel's process with
// `NODE_OPTIONS=--import bench/support/mem-probe.mjs` by bench/page-cost.ts (BENCH_MEM=1), never shipped.
// On SIGUSR2 it writes where the process's memory goes to $MEM_PROBE_OUT (JSON), before and after a
// forced full collection, and the first time a heap snapshot beside it when $MEM_PROBE_SNAPSHOT is set.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import vm from 'node:vm';

const out = process.env.MEM_PROBE_OUT;
if (out) {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  const mib = (n) => Math.round((n / 1048576) * 10) / 10;
  const usage = () => {
    const m = process.memoryUsage();
    const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, mib(s.space_size)]));
    const heapStats = v8.getHeapStatistics();
    return {
      rss: mib(m.rss),
      heapTotal: mib(m.heapTotal),
      heapUsed: mib(m.heapUsed),
      external: mib(m.external),
      arrayBuffers: mib(m.arrayBuffers),
      mallocedMemory: mib(heapStats.malloced_memory),
      spaces,
    };
  };
  /** Resident memory by kind (/proc/self/smaps): the heap and malloc (anonymous) vs code and files mapped. */
  const smaps = () => {
    const kinds = { anonymous: 0, file: 0, nodeBinary: 0 };
    const anon = [];
    let current = '';
    let size = 0;
    for (const line of fs.readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
      const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
      if (head) current = head[1];
      else if (line.startsWith('Size:')) size = Number(line.split(/\s+/)[1]);
      else if (line.startsWith('Rss:')) {
        const kb = Number(line.split(/\s+/)[1]);
        if (current === process.execPath) kinds.nodeBinary += kb;
        else if (current.startsWith('/')) kinds.file += kb;
        else {
          kinds.anonymous += kb;
          anon.push([kb, size]);
        }
      }
    }
    const threads = Number(/Threads:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1]);
    const mb = (kb) => Math.round(kb / 102.4) / 10;
    // The largest resident anonymous mappings (resident / mapped, MiB): V8's heap pages, malloc arenas (64 MiB each), WASM memories.
    const largest = anon.sort((a, b) => b[0] - a[0]).slice(0, 8).map(([r, z]) => `${mb(r)}/${mb(z)}`).join(' ');
    return { ...Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, mb(v)])), threads, largest };
  };
  let snapshotWanted = Boolean(process.env.MEM_PROBE_SNAPSHOT);
  process.on('SIGUSR2', () => {
    const before = usage();
    const smapsBefore = smaps();
    gc();
    gc();
    const after = usage();
    const modules = Object.keys(createRequire(import.meta.url).cache);
    const snapshot = snapshotWanted ? v8.writeHeapSnapshot(`${out}.heapsnapshot`) : undefined;
    snapshotWanted = false;
    fs.writeFileSync(out, JSON.stringify({ before, smapsBefore, after, smapsAfter: smaps(), requiredModules: modules.length, snapshot }));
  });
}
