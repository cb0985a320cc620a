// The "bad version" knob: an image reference (or Helm chart "name:version") that, once deployed,
// crash-loops. Shared between the Argo CD controller (ends the sync Degraded) and the clusters
// (pods of that image go CrashLoopBackOff), so one instance is passed to all of them.

export class BadImages {
  private readonly refs = new Set<string>();

  /** ref: "gotson/komga:1.16.0", "repo@sha256:…", or a chart as "prometheus:27.3.0". */
  mark(ref: string, bad = true) {
    if (bad) this.refs.add(ref);
    else this.refs.delete(ref);
  }

  clear() {
    this.refs.clear();
  }

  list(): string[] {
    return [...this.refs];
  }

  /** A ref with a digest also matches when only its tag (or only its digest) was marked. */
  isBad(ref: string): boolean {
    if (this.refs.has(ref)) return true;
    const at = ref.indexOf('@');
    if (at < 0) return false;
    const repo = ref.slice(0, at).replace(/:[^/:]+$/, '');
    return this.refs.has(ref.slice(0, at)) || this.refs.has(`${repo}${ref.slice(at)}`);
  }

  anyBad(refs: readonly string[]): boolean {
    return refs.some((r) => this.isBad(r));
  }
}
