// Kubernetes resource quantities ("1500m", "12Gi", "4012345Ki", "2") as numbers.
const BIN: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DEC: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The quantity in base units (bytes, cores); 0 when absent or malformed. */
export function parseQuantity(q: string | number | undefined | null): number {
  if (q === undefined || q === null) return 0;
  if (typeof q === 'number') return q;
  const m = /^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([a-zA-Z]{0,2})$/.exec(q.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  const unit = m[2];
  if (unit in BIN) return n * BIN[unit];
  if (unit in DEC) return n * DEC[unit];
  return 0;
}

export const bytesOf = (q: string | number | undefined | null) => Math.round(parseQuantity(q));
export const milliOf = (q: string | number | undefined | null) => Math.round(parseQuantity(q) * 1000);
