import type { HealthStatus, SyncStatus } from '@/lib/live/types';
import type { DotTone } from '../ui/status-dot';

// Argo CD's words stay as they are on the admin pages (they are the vocabulary people search for).
export const HEALTH_TONE: Record<HealthStatus, DotTone> = { Healthy: 'good', Progressing: 'warn', Suspended: 'warn', Degraded: 'bad', Missing: 'bad', Unknown: 'unknown' };
export const SYNC_TONE: Record<SyncStatus, DotTone> = { Synced: 'good', OutOfSync: 'warn', Unknown: 'unknown' };
