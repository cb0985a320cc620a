import 'server-only';
import { pingDatabase } from '../../db';
import { config } from '../../env';

// Ready = configuration valid and the database answers within 2 s. No auth: it says nothing secret.
export async function checkReadiness(): Promise<{ ready: boolean; checks: Record<string, string> }> {
  const checks: Record<string, string> = {};
  try {
    config();
    checks.config = 'ok';
  } catch (e) {
    checks.config = (e as Error).message;
    return { ready: false, checks };
  }
  try {
    await Promise.race([
      pingDatabase(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2_000).unref()),
    ]);
    checks.database = 'ok';
  } catch (e) {
    checks.database = `unreachable: ${(e as Error).message}`;
  }
  return { ready: Object.values(checks).every((v) => v === 'ok'), checks };
}
