// Reads the GitOps repository the way Argo CD's repo-server would need to: many files at one
// revision, and which files a push changed. With thousands of Applications (scale mode) one
// `git cat-file --batch` beats one process per file by orders of magnitude, so the bare repository
// (GitOpsRepo.path) is read directly when it exists; otherwise (a fake repo in tests) GitOpsRepo.readFile.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { GitOpsRepo } from '../types';

const ZERO = /^0+$/;

export class RepoReader {
  private readonly useGit: boolean;

  constructor(private readonly repo: GitOpsRepo) {
    this.useGit = !!repo.path && existsSync(repo.path);
  }

  /** Paths changed between two commits, or null when unknown (then every app is re-rendered). */
  changedFiles(before: string, after: string): Promise<Set<string> | null> {
    if (!this.useGit || !before || ZERO.test(before)) return Promise.resolve(null);
    return new Promise((resolve) => {
      execFile('git', ['-C', this.repo.path, 'diff', '--name-only', '--no-renames', before, after], { maxBuffer: 64 << 20 }, (err, stdout) => {
        resolve(err ? null : new Set(stdout.split('\n').filter(Boolean)));
      });
    });
  }

  async readMany(ref: string, files: string[]): Promise<Map<string, string | null>> {
    if (this.useGit && files.length > 0) {
      const viaGit = await this.catFileBatch(ref, files).catch(() => null);
      if (viaGit) return viaGit;
    }
    const out = new Map<string, string | null>();
    const queue = [...new Set(files)];
    // Bounded concurrency: GitOpsRepo.readFile may spawn a process per call.
    await Promise.all(
      Array.from({ length: Math.min(16, queue.length) }, async () => {
        for (let f = queue.shift(); f !== undefined; f = queue.shift()) out.set(f, await this.repo.readFile(ref, f));
      }),
    );
    return out;
  }

  private catFileBatch(ref: string, files: string[]): Promise<Map<string, string | null>> {
    const unique = [...new Set(files)];
    return new Promise((resolve, reject) => {
      const child = spawn('git', ['-C', this.repo.path, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'ignore'] });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code !== 0) return reject(new Error(`git cat-file exited ${code}`));
        const buf = Buffer.concat(chunks);
        const out = new Map<string, string | null>();
        let pos = 0;
        for (const f of unique) {
          const nl = buf.indexOf(0x0a, pos);
          if (nl < 0) return reject(new Error('git cat-file: truncated output'));
          const header = buf.subarray(pos, nl).toString('utf8');
          pos = nl + 1;
          const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
          if (!m) {
            out.set(f, null); // "<ref>:<path> missing"
            continue;
          }
          const size = Number(m[2]);
          out.set(f, m[1] === 'blob' ? buf.subarray(pos, pos + size).toString('utf8') : null);
          pos += size + 1;
        }
        resolve(out);
      });
      child.stdin.on('error', reject);
      child.stdin.end(unique.map((f) => `${ref}:${f}\n`).join(''));
    });
  }
}
