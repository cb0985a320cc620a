'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { useI18n } from '../providers/i18n';
import { firstName, useMe } from './use-me';

// The panel's navigation, one list of items (filtered by role and translated by the header):
// inline in the header from 640 px up; below, a bottom tab bar within thumb's reach, whose last tab
// opens the rest ("More") when there are more items than fit in four tabs at 360 px. Links do not
// prefetch: every page but `/` renders per request (a prefetch would render it for nothing).
export type NavItem = { href: string; label: string };

const current = (path: string, href: string) => (href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`));
const TABS = 4;

export function TopNav({ items, label }: { items: NavItem[]; label: string }) {
  const path = usePathname();
  return (
    <nav aria-label={label} className="hidden min-w-0 flex-1 gap-1 sm:flex">
      {items.map((n) => (
        <Link
          key={n.href}
          href={n.href}
          prefetch={false}
          aria-current={current(path, n.href) ? 'page' : undefined}
          className="whitespace-nowrap rounded-lg px-3 py-2 text-sm font-medium hover:bg-slate-100 aria-[current=page]:bg-slate-100 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-slate-800"
        >
          {n.label}
        </Link>
      ))}
    </nav>
  );
}

const tabClass =
  'group flex min-h-14 min-w-0 flex-1 flex-col items-center justify-center px-1 text-center text-xs font-semibold leading-tight text-slate-700 aria-[current=page]:text-brand-600 dark:text-slate-300 dark:aria-[current=page]:text-blue-400';

export function TabBar({ items, label, more }: { items: NavItem[]; label: string; more: string }) {
  const path = usePathname();
  const [open, setOpen] = useState(false);
  const overflow = items.length > TABS;
  const tabs = overflow ? items.slice(0, TABS - 1) : items;
  const rest = overflow ? items.slice(TABS - 1) : [];
  const restActive = rest.some((n) => current(path, n.href));
  return (
    <nav aria-label={label} data-testid="tab-bar" className="fixed inset-x-0 bottom-0 z-20 border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)] sm:hidden dark:border-slate-800 dark:bg-slate-900">
      {open ? (
        <ul id="more-menu" className="grid gap-1 border-b border-slate-200 p-2 dark:border-slate-800">
          {rest.map((n) => (
            <li key={n.href}>
              <Link href={n.href} prefetch={false} onClick={() => setOpen(false)} aria-current={current(path, n.href) ? 'page' : undefined} className="block rounded-lg px-3 py-3 font-medium hover:bg-slate-100 aria-[current=page]:bg-slate-100 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-slate-800">
                {n.label}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex">
        {tabs.map((n) => (
          <Link key={n.href} href={n.href} prefetch={false} aria-current={current(path, n.href) ? 'page' : undefined} className={tabClass}>
            <span aria-hidden="true" className="mb-1 h-1 w-6 rounded-full bg-current opacity-0 group-aria-[current=page]:opacity-100" />
            {n.label}
          </Link>
        ))}
        {overflow ? (
          <button type="button" aria-expanded={open} aria-controls="more-menu" aria-current={restActive ? 'page' : undefined} onClick={() => setOpen((o) => !o)} className={tabClass}>
            <span aria-hidden="true" className="mb-1 h-1 w-6 rounded-full bg-current opacity-0 group-aria-[current=page]:opacity-100" />
            {more}
          </button>
        ) : null}
      </div>
    </nav>
  );
}

/** The signed-in person's controls (language, sign out): in the header from 640 px up, behind a
 * button below. The button holds its width before the name arrives from /api/me (no shift). */
export function AccountMenu({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const { t } = useI18n();
  const name = useMe().data?.name ?? '';
  return (
    <div className="relative flex items-center">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="account-menu"
        aria-label={t('nav.account', { name })}
        onClick={() => setOpen((o) => !o)}
        className="flex min-h-11 w-[6.5rem] items-center justify-end gap-1 rounded-lg px-2 text-sm font-medium hover:bg-slate-100 sm:hidden dark:hover:bg-slate-800"
      >
        <span className="truncate">{firstName(name)}</span>
        <span aria-hidden="true">▾</span>
      </button>
      <div
        id="account-menu"
        className={`${open ? 'flex' : 'hidden'} absolute right-0 top-full z-30 mt-1 min-w-48 flex-col items-end gap-2 rounded-xl border border-slate-200 bg-white p-3 shadow-lg sm:static sm:mt-0 sm:flex sm:min-w-0 sm:flex-row sm:items-center sm:border-0 sm:bg-transparent sm:p-0 sm:shadow-none dark:border-slate-800 dark:bg-slate-900 sm:dark:bg-transparent`}
      >
        {children}
      </div>
    </div>
  );
}
