import Link from 'next/link';
import { can } from '@/lib/permissions';
import type { Role } from '@/lib/roles';
import { Badge } from '../ui/badge';
import { SignOutButton } from './sign-out-button';

const NAV: { href: string; label: string; permission: Parameters<typeof can>[1] }[] = [
  { href: '/', label: 'Home', permission: 'home:view' },
  { href: '/audit', label: 'Audit log', permission: 'audit:read' },
];

export function AppHeader({ user }: { user: { name: string; role: Role } }) {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-2 px-4 py-2">
        <Link href="/" className="mr-2 text-lg font-bold">
          Homelab
        </Link>
        <nav aria-label="Main" className="flex flex-1 gap-1 overflow-x-auto">
          {NAV.filter((n) => can(user.role, n.permission)).map((n) => (
            <Link key={n.href} href={n.href} className="rounded-lg px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800">
              {n.label}
            </Link>
          ))}
        </nav>
        <div className="flex items-center gap-2">
          <span className="text-sm" data-testid="user-name">
            {user.name}
          </span>
          <Badge tone={user.role === 'admin' ? 'info' : 'neutral'}>
            <span data-testid="user-role">{user.role}</span>
          </Badge>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
