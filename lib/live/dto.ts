// What the dashboard's services return (and the browser caches under lib/query-keys.ts).
import type { OciCapacity, ProxmoxCapacity, WhatIf } from '../capacity';
import type { HomeHealth, ServiceTile } from '../health';
import type { AppDto, ClusterDetail, ClusterSummary, Freshness, HealthStatus, SyncStatus, VmDto } from './types';

export interface CapacityDto {
  proxmox: {
    configured: boolean;
    node: string;
    freshness: Freshness;
    capacity: ProxmoxCapacity | null;
    whatIfs: WhatIf[];
    vms: VmDto[];
  };
  oci: { cluster: string; configured: boolean; freshness: Freshness | null; capacity: OciCapacity | null };
}

export interface HomeDto {
  /** The viewer's first name, for the greeting. */
  firstName: string;
  tiles: ServiceTile[];
  health: HomeHealth;
  appsFreshness: Freshness;
  /** Only for admins: cluster cards and the capacity summary. */
  admin: { clusters: ClusterSummary[]; capacity: CapacityDto } | null;
}

export interface AppPage {
  items: AppDto[];
  total: number;
  /** Apps before filtering (for "12 of 400"). */
  all: number;
  page: number;
  pages: number;
  size: number;
  clusters: string[];
  freshness: Freshness;
}

export interface ClusterDetailDto extends ClusterDetail {
  template: { talosVersion: string | null; kubernetesVersion: string | null } | null;
  templateChecked: boolean;
}

export const HEALTH_VALUES: HealthStatus[] = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'];
export const SYNC_VALUES: SyncStatus[] = ['Synced', 'OutOfSync', 'Unknown'];
