// The history job's bounds, shared by the sampler (server/jobs/history.ts) and the readers.

/** One round of samples every 5 minutes: 2 016 host rows and 2 016 rows per cluster per week. */
export const SAMPLE_EVERY_MS = 5 * 60_000;
/** A second round within this of the last one is skipped (restarts, a second replica): the rate bound. */
export const MIN_SAMPLE_GAP_MS = SAMPLE_EVERY_MS * 0.9;
/** Longer than two rounds without a tick: the panel was not watching in between. */
export const WATCH_GAP_MS = SAMPLE_EVERY_MS * 2.5;
/** Kept a day longer than the longest window shown (7 days). */
export const HISTORY_RETENTION_MS = 8 * 24 * 3_600_000;
/** At most this many clusters sampled per round (a 20-cluster homelab fits with room). */
export const MAX_SAMPLED_CLUSTERS = 100;
