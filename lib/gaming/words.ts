// Plain words for the card: state labels, sizes, and Proxmox's error texts translated.
import type { CardState } from './types';

export const GiB = 1024 ** 3;

export const STATE_LABEL: Record<CardState, string> = {
  off: 'Off',
  starting: 'Starting',
  booting: 'Booting Windows',
  ready: 'Ready to play',
  stopping: 'Stopping',
  failed: "Can't start",
  unreachable: "Can't reach the homelab server",
};

export const UNREACHABLE = "The homelab server can't be reached.";
export const FORBIDDEN_TOKEN = "The panel's Proxmox token may not do this.";

/** 34359738368 → "32 GB" (GiB, as Proxmox shows them), one decimal when not whole. */
export function gb(bytes: number): string {
  const g = Math.max(0, bytes) / GiB;
  return `${Number.isInteger(g) ? g : g.toFixed(1)} GB`;
}

const RULES: [RegExp, string][] = [
  [/permission check failed|\b403\b/i, "the panel's Proxmox token may not do this"],
  [/already running/i, 'it was already running'],
  [/not running/i, "it wasn't running"],
  [/(can't|cannot|unable to) lock|is locked|got timeout.*lock|lock.*timeout/i, 'the VM is locked by another task (a backup, maybe)'],
  [/vfio|iommu|hostpci|pci device|device or resource busy/i, 'the graphics card could not be handed to the VM (is it in use?)'],
  [/cannot allocate memory|out of memory|\boom\b|not enough memory/i, 'the server ran out of memory'],
  [/configuration file .* does not exist|no such vm/i, "the gaming VM doesn't exist on the server"],
  [/timeout|timed out/i, 'Proxmox took too long'],
];

/** Proxmox's task exit status or error text → a short clause in plain words. */
export function proxmoxReason(text: string): string {
  const clean = text.replace(/^TASK ERROR:\s*/i, '').trim();
  for (const [re, words] of RULES) if (re.test(clean)) return words;
  return `Proxmox said: "${clean.slice(0, 160)}"`;
}
