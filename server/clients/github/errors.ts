import 'server-only';
import { UpstreamError } from '../../errors';
import { isTimeout } from '../upstream';

// Octokit throws RequestError (with .status) or a fetch/abort error; both become UpstreamError with
// a message a person can act on. Callers that expect a status (404, 409, 422) check `status` first.

export function statusOf(e: unknown): number | undefined {
  const s = (e as { status?: unknown })?.status;
  return typeof s === 'number' ? s : undefined;
}

export function toUpstream(e: unknown, what: string): UpstreamError {
  if (e instanceof UpstreamError) return e;
  const status = statusOf(e);
  // Octokit reports a request that got no answer (network failure, abort) as status 500 with a cause.
  const unanswered = status === 500 && (e as { response?: unknown }).response === undefined && (e as { cause?: unknown }).cause !== undefined;
  // The cause is kept: whoever made a write that timed out must know it may still land (isTimeout).
  if (isTimeout(e)) return Object.assign(new UpstreamError('github', undefined, `GitHub did not answer in time (${what}).`), { cause: e });
  if (status === 401) return new UpstreamError('github', 401, 'GitHub refused the token (401). Check github.token.');
  if (status === 403) return new UpstreamError('github', 403, `GitHub refused access (403) while trying to ${what}. Check the token's permissions or the rate limit.`);
  if (status !== undefined && !unanswered) return new UpstreamError('github', status, `GitHub answered ${status} while trying to ${what}.`);
  const cause = unanswered ? (e as { cause: Error }).cause : e;
  return new UpstreamError('github', undefined, `GitHub is unreachable (${what}): ${(cause as Error)?.message ?? String(cause)}`);
}
