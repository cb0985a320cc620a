// PATCH bodies as kube-apiserver accepts them: JSON merge patch (RFC 7386, also used for strategic
// merge on the built-in types, close enough for the fields a panel patches) and JSON patch (RFC 6902).

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function mergePatch(target: Json, patch: Json): Json {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: { [k: string]: Json } = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k] ?? null, v);
  }
  return out;
}

export class PatchError extends Error {}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

export function jsonPatch(target: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw new PatchError('json patch must be an array of operations');
  const doc = structuredClone(target);
  for (const raw of ops as { op?: string; path?: string; value?: Json }[]) {
    const parts = (raw.path ?? '').split('/').slice(1).map(unescape);
    if (parts.length === 0) throw new PatchError('json patch: empty path');
    let parent: Json = doc;
    for (const p of parts.slice(0, -1)) {
      if (parent === null || typeof parent !== 'object') throw new PatchError(`json patch: path ${raw.path} does not exist`);
      parent = Array.isArray(parent) ? parent[Number(p)] : parent[p];
    }
    const last = parts[parts.length - 1];
    if (parent === null || typeof parent !== 'object') throw new PatchError(`json patch: path ${raw.path} does not exist`);
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (raw.op === 'add') parent.splice(i, 0, raw.value ?? null);
      else if (raw.op === 'replace') parent[i] = raw.value ?? null;
      else if (raw.op === 'remove') parent.splice(i, 1);
      else if (raw.op === 'test') {
        if (JSON.stringify(parent[i]) !== JSON.stringify(raw.value)) throw new PatchError(`json patch: test failed at ${raw.path}`);
      } else throw new PatchError(`json patch: unsupported op ${raw.op}`);
    } else {
      if (raw.op === 'add' || raw.op === 'replace') {
        if (raw.op === 'replace' && !(last in parent)) throw new PatchError(`json patch: replace of missing ${raw.path}`);
        parent[last] = raw.value ?? null;
      } else if (raw.op === 'remove') {
        if (!(last in parent)) throw new PatchError(`json patch: remove of missing ${raw.path}`);
        delete parent[last];
      } else if (raw.op === 'test') {
        if (JSON.stringify(parent[last]) !== JSON.stringify(raw.value)) throw new PatchError(`json patch: test failed at ${raw.path}`);
      } else throw new PatchError(`json patch: unsupported op ${raw.op}`);
    }
  }
  return doc;
}
