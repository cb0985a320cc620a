'use client';
import { useMe } from './use-me';

// The signed-in person's name in the header, from /api/me after load: a fixed width, so the controls
// beside it do not move when it arrives (the page's HTML is the same for everyone of a role).
export function ViewerName() {
  const me = useMe().data;
  return (
    <span className="inline-block w-36 truncate text-right text-sm" data-testid="user-name">
      {me?.name ?? ''}
    </span>
  );
}
