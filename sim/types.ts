// Shared shapes of the homelab simulator. Each upstream is a real HTTP server on 127.0.0.1.
import type { Faults } from './faults';

export interface SimServer {
  /** Base URL, e.g. https://127.0.0.1:41234 */
  url: string;
  /** The CA certificate that signed the server's certificate (PEM file): what a client trusts. */
  caFile: string;
  close(): Promise<void>;
}

/** What the GitHub simulator offers to the other simulated upstreams (Argo CD reads the GitOps repo). */
export interface GitOpsRepo {
  /** Path of the bare repository on disk (`git -C <path> log -p` shows every commit). */
  path: string;
  branch: string;
  /** Current commit sha of a branch. */
  head(branch?: string): Promise<string>;
  /** File content at a ref (sha or branch), or null when absent. */
  readFile(ref: string, file: string): Promise<string | null>;
  /** Called after any ref of the repository moves (API commit, merge, or an "external" push). */
  onPush(listener: (e: { branch: string; before: string; after: string }) => void): () => void;
  /** Makes a commit as somebody else (to test races): writes the files on the branch. */
  externalCommit(input: { branch?: string; message: string; files: Record<string, string> }): Promise<string>;
}

/** The file written by `npm run sim -- --endpoints <file>`; scripts/sim-config.ts turns it into homelab.yaml. */
export interface Endpoints {
  oidc: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    /** The issuer's CA (the panel's auth.tls.caFile). */
    caFile: string;
    users: { username: string; password: string; name: string; role: string }[];
  };
  clusters: { name: string; server: string; token: string; kubeconfig: string; context: string }[];
  argocd: { cluster: string; namespace: string };
  proxmox: { url: string; node: string; tokenId: string; tokenSecret: string; /** pve-root-ca.pem */ caFile: string };
  github: { apiUrl: string; owner: string; repo: string; branch: string; token: string; repoPath: string; caFile: string };
  control: { url: string };
  /** The ntfy-compatible notification sink (messages listed on the control API, `GET /ntfy/messages`). */
  ntfy?: { url: string };
  /** The Web Push service (subscriptions made and pushes listed on the control API, `/push/...`). */
  push?: { url: string; caFile: string };
  /** The Telegram Bot API (sendMessage; messages listed on the control API, `GET /telegram/messages`). */
  telegram?: { apiUrl: string; caFile: string; botToken: string; chatId: string };
}

export type { Faults };
