import 'server-only';
import type { GamingConfig } from '@/lib/gaming/config';
import { config } from '../../../env';

// The `gaming:` key of homelab.yaml (schema and defaults in lib/gaming/config.ts, validated at boot).
export function gamingConfig(): GamingConfig {
  return config().gaming;
}
