import path from 'node:path';

export const E2E_DIR = path.resolve('.e2e');
export const ENDPOINTS_FILE = path.join(E2E_DIR, 'endpoints.json');
/** Access tokens live this long in the e2e simulator, so the refresh path runs within a test. */
export const E2E_ACCESS_TOKEN_TTL_S = 15;
