// What every route handler of the GitHub simulator receives.
import type { Reply } from './http';
import type { PullStore } from './pulls';
import type { SimRepo } from './repo';
import type { Shapes } from './shapes';

export interface Ctx {
  method: string;
  /** Decoded path below /repos/{owner}/{repo}, e.g. `/contents/kubernetes/overlays/dev/x.yaml`. */
  rest: string;
  query: URLSearchParams;
  body(): Promise<Record<string, unknown>>;
  repo: SimRepo;
  shapes: Shapes;
  pulls: PullStore;
}

export interface Route {
  method: string;
  pattern: RegExp;
  handle(ctx: Ctx, m: RegExpExecArray): Promise<Reply>;
}

export function route(method: string, pattern: RegExp, handle: Route['handle']): Route {
  return { method, pattern, handle };
}

/** GitHub's `per_page`/`page` (default 30, max 100). */
export function paging(q: URLSearchParams): { perPage: number; page: number } {
  const perPage = Math.min(100, Math.max(1, Number(q.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
  return { perPage, page };
}

/** RFC 5988 Link header for the next/last pages, as GitHub sends it. */
export function linkHeader(url: string, q: URLSearchParams, page: number, hasNext: boolean): Record<string, string> {
  if (!hasNext && page === 1) return {};
  const at = (p: number) => {
    const qs = new URLSearchParams(q);
    qs.set('page', String(p));
    return `<${url}?${qs.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`, `${at(1)}; rel="first"`);
  if (hasNext) links.push(`${at(page + 1)}; rel="next"`);
  return links.length ? { link: links.join(', ') } : {};
}
