import 'server-only';
import type { CapacitySettings } from '@/lib/capacity';
import { requestCtx, type Ctx } from '../context';
import { config } from '../env';
import { liveStore, omniTemplates } from './index';
import type { OmniTemplates } from './omni-templates';
import type { LiveStore } from './store';

// The dashboard services' ctx: the request's ctx plus the live store (tests pass a store built
// against the simulator). Nothing starts until a service calls live().
export interface LiveCtx extends Ctx {
  live(): LiveStore;
  templates(): OmniTemplates | null;
  /** Host reserve and buffer: the `gaming.memory` keys, so the capacity page and the gaming pre-flight agree. */
  capacity(): CapacitySettings;
  /** `icons.*` of the configuration; without it (tests), brands only: no icon folder, no image origins. */
  icons?(): IconSettings;
}

export interface IconSettings {
  dir?: string;
  imageOrigins: string[];
}

const GiB = 1024 ** 3;

export function capacitySettings(): CapacitySettings {
  const m = config().gaming.memory;
  return { reserveBytes: (m.hostReserveGiB + m.zfsArcGiB) * GiB, bufferBytes: m.bufferGiB * GiB };
}

export function liveCtx(base: Ctx = requestCtx()): LiveCtx {
  return { ...base, live: liveStore, templates: omniTemplates, capacity: capacitySettings, icons: () => config().icons };
}
