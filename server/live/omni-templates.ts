import 'server-only';
import { parse } from 'yaml';
import { z } from 'zod';
import { log } from '../log';

// The versions each cluster's Omni template asks for (omni/clusters/<name>.yaml in the GitOps repo),
// read in the background every few minutes through the GitHub client and kept here, so the cluster
// page shows them beside the running versions without a GitHub call per page view.

export interface TemplateVersions {
  talosVersion: string | null;
  kubernetesVersion: string | null;
}

const Template = z.object({ spec: z.object({ talosVersion: z.unknown().optional(), kubernetesVersion: z.unknown().optional() }).partial().optional() }).passthrough();

export function parseOmniTemplate(text: string): TemplateVersions | null {
  try {
    const r = Template.safeParse(parse(text));
    if (!r.success) return null;
    const v = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : null);
    return { talosVersion: v(r.data.spec?.talosVersion), kubernetesVersion: v(r.data.spec?.kubernetesVersion) };
  } catch {
    return null;
  }
}

export class OmniTemplates {
  private values = new Map<string, TemplateVersions | null>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly clusters: string[],
    private readonly readFile: (path: string) => Promise<string | null>,
    private readonly everyMs = 300_000,
  ) {}

  get(cluster: string): TemplateVersions | null | undefined {
    return this.values.get(cluster);
  }

  start(): this {
    void this.refresh();
    return this;
  }

  stop() {
    clearTimeout(this.timer);
  }

  async refresh() {
    for (const c of this.clusters) {
      try {
        const text = await this.readFile(`omni/clusters/${c}.yaml`);
        this.values.set(c, text === null ? null : parseOmniTemplate(text));
      } catch (e) {
        log.warn({ cluster: c, err: (e as Error).message }, 'live: cannot read the Omni template');
      }
    }
    this.timer = setTimeout(() => void this.refresh(), this.everyMs).unref();
  }
}
