import fs from 'node:fs';
import type { Endpoints } from '../../sim/types';
import { ENDPOINTS_FILE } from './paths';

/** The running e2e simulator's endpoints (written by e2e/support/stack.ts). */
export function endpoints(): Endpoints {
  return JSON.parse(fs.readFileSync(ENDPOINTS_FILE, 'utf8')) as Endpoints;
}

/** Calls the simulator's control API (docs/simulator.md). */
export async function control<T = unknown>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${endpoints().control.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
