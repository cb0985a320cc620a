// The gaming VM's configuration (the `gaming:` key of homelab.yaml). Pure: the lead wires it into
// server/env.ts; until then every key has the default below. Memory figures are GiB, times minutes.
import { z } from 'zod';

const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time like "21:30"');
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export const QuietHoursSchema = z
  .object({
    /** Days the window starts on (a window past midnight belongs to the day it starts). */
    days: z.array(z.enum(WEEKDAYS)).min(1),
    from: HhMm,
    to: HhMm,
    label: z.string().min(1).default('quiet hours'),
  })
  .strict();

export const MaintenanceSchema = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), reason: z.string().min(1).default('maintenance') })
  .strict();

const RepoFile = z
  .string()
  .regex(/^[A-Za-z0-9._/-]+\.ya?ml$/, 'expected a repository path like kubernetes/overlays/prod/gaming-vm/virtualmachine.yaml')
  .refine((s) => !s.startsWith('/') && !s.split('/').includes('..'), 'expected a path inside the repository');
const K8sName = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'expected a Kubernetes name (lower-case letters, digits and dashes)').max(63);

/** The KubeVirt backend: the VM is a VirtualMachine on a cluster, started/stopped by committing its runStrategy. */
export const KubevirtSchema = z
  .object({
    /** The cluster (a `clusters:` name) the VirtualMachine runs on. */
    cluster: z.string().min(1).default('prod'),
    namespace: K8sName.default('gaming'),
    /** The VirtualMachine's name. */
    vm: K8sName.default('windows-gaming'),
    /** The VirtualMachine manifest in the GitOps repository (the `github:` repository and branch). */
    manifestPath: RepoFile.default('kubernetes/overlays/prod/gaming-vm/virtualmachine.yaml'),
    timeouts: z
      .object({
        /** Commit → VMI Running (Argo CD's sync and the scheduling included). */
        startSeconds: z.number().int().min(30).default(600),
        /** VMI Running → guest agent connected (Windows booted). */
        bootSeconds: z.number().int().min(10).default(300),
        /** A VMI the scheduler cannot place (no room, GPU taken) fails the start after this long. */
        unschedulableSeconds: z.number().int().min(5).default(60),
        /** Stop commit → VMI gone (Argo CD's sync and the guest's shutdown); after it the stop is reported as stalled. */
        stopSeconds: z.number().int().min(30).default(600),
      })
      .strict()
      .default({ startSeconds: 600, bootSeconds: 300, unschedulableSeconds: 60, stopSeconds: 600 }),
  })
  .strict();

export type KubevirtConfig = z.infer<typeof KubevirtSchema>;
export const DEFAULT_KUBEVIRT: KubevirtConfig = KubevirtSchema.parse({});

export const GamingConfigSchema = z
  .object({
    /** proxmox: power calls to the Proxmox API; kubevirt: a Git commit of the VirtualMachine's runStrategy. */
    backend: z.enum(['proxmox', 'kubevirt']).default('proxmox'),
    kubevirt: KubevirtSchema.default(DEFAULT_KUBEVIRT),
    /** The gaming VM: by id, else the one VM carrying `tag`. */
    vmid: z.number().int().positive().optional(),
    tag: z.string().min(1).default('gaming'),
    /** VMs carrying this tag are the DEV cluster (stopped by the stop-dev policy and DEV power). */
    devTag: z.string().min(1).default('dev'),
    memory: z
      .object({
        hostReserveGiB: z.number().min(0).default(4),
        zfsArcGiB: z.number().min(0).default(8),
        /** Headroom kept free (architecture §8 "Reserve 4GB"). */
        bufferGiB: z.number().min(0).default(4),
      })
      .strict()
      .default({ hostReserveGiB: 4, zfsArcGiB: 8, bufferGiB: 4 }),
    /**
     * When RAM is short (testing mode: DEV runs): `stop-dev` switches to gaming mode on its own (DEV's VMs
     * shut down first, the admin told, DEV back when the game ends; refused under the admin's hold, with
     * "Ask {adminName}"), or `refuse` with an explanation naming who can help.
     */
    policy: z.enum(['refuse', 'stop-dev']).default('stop-dev'),
    /** stop-dev: start the DEV VMs again when the session that stopped them ends. */
    restoreDev: z.boolean().default(true),
    /** The longest hold the admin may put on DEV ("I'm testing until 21:00"), in hours. */
    holdMaxHours: z.number().positive().max(72).default(12),
    /** A VM found running without a session is adopted only once the last session ended this long ago (a hard stop in flight is not a new game). */
    adoptAfterSeconds: z.number().int().min(0).default(15),
    lease: z
      .object({
        defaultMinutes: z.number().int().min(5).default(180),
        extendMinutes: z.number().int().min(5).default(60),
        /** A session never runs longer than this from its start, extensions included. */
        maxMinutes: z.number().int().min(5).default(360),
        warnMinutes: z.number().int().min(1).default(10),
      })
      .strict()
      .default({ defaultMinutes: 180, extendMinutes: 60, maxMinutes: 360, warnMinutes: 10 }),
    /** Optional weekly allowance per person (hours over the last 7 days); admins are exempt. */
    weeklyHoursPerPerson: z.number().positive().optional(),
    quietHours: z.array(QuietHoursSchema).default([]),
    /** IANA zone the quiet hours are written in. */
    timeZone: z.string().min(1).default('UTC'),
    /** Who the family asks when quiet hours refuse a start ("only {adminName} can start it now"). */
    adminName: z.string().min(1).default('an admin'),
    maintenance: z.array(MaintenanceSchema).default([]),
    /** Ready when this TCP port answers (e.g. Sunshine 47989) instead of the guest agent. */
    readiness: z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65535) }).strict().optional(),
    /** With `readiness`: shut down after this many minutes without network activity. */
    idleMinutes: z.number().int().min(5).default(30),
    /** Below this many bytes/s of guest network output the VM counts as idle. */
    idleBytesPerSecond: z.number().int().min(0).default(50_000),
    timeouts: z
      .object({
        startTaskSeconds: z.number().int().min(5).default(120),
        bootSeconds: z.number().int().min(10).default(300),
        shutdownSeconds: z.number().int().min(5).default(120),
        devShutdownSeconds: z.number().int().min(5).default(180),
      })
      .strict()
      .default({ startTaskSeconds: 120, bootSeconds: 300, shutdownSeconds: 120, devShutdownSeconds: 180 }),
    ntfy: z
      .object({
        url: z.url({ protocol: /^https?$/ }),
        token: z.string().min(1).optional(),
        /** Person (Keycloak subject or e-mail) → ntfy topic. */
        topics: z.record(z.string(), z.string().min(1)).default({}),
        adminTopic: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type GamingConfig = z.infer<typeof GamingConfigSchema>;
export type QuietHours = z.infer<typeof QuietHoursSchema>;
export type GamingBackend = GamingConfig['backend'];

export const DEFAULT_GAMING_CONFIG: GamingConfig = GamingConfigSchema.parse({});
