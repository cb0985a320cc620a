import 'server-only';
import type { GamingConfig } from '@/lib/gaming/config';
import type { GamingCtx } from '../internal/ctx';
import { kubevirtBackend } from './kubevirt';
import { proxmoxBackend } from './proxmox';
import type { GamingBackend } from './types';

export type { GamingBackend } from './types';

// The one place a backend is chosen, by `gaming.backend` in homelab.yaml.
const BACKENDS: Record<GamingConfig['backend'], GamingBackend> = { proxmox: proxmoxBackend, kubevirt: kubevirtBackend };

export const backendFor = (name: GamingConfig['backend']): GamingBackend => BACKENDS[name];
export const backendOf = (ctx: Pick<GamingCtx, 'gaming'>): GamingBackend => BACKENDS[ctx.gaming().backend];
