import Link from 'next/link';
import type { Locale, MessageKey } from '@/lib/i18n';
import { translator } from '@/lib/i18n/catalogue';
import { can, type Permission } from '@/lib/permissions';
import type { Audience } from '@/lib/shell/audience';
import { LiveStatus } from '../live/live-status';
import { Badge } from '../ui/badge';
import { LocaleSwitch } from '../ui/locale-switch';
import { AccountMenu, TabBar, TopNav } from './nav';
import { SignOutButton } from './sign-out-button';
import { ViewerName } from './viewer-name';

// The panel's header on every page: navigation (by permission; a bottom tab bar on phones), the live
// stream's state, the language switch and the signed-in person. It also keeps the tab's live stream
// open. The family sees Home and Gaming only: the other pages are the admin's (lib/permissions.ts).
// The same for everyone of a role (audience = role) and language: the name comes from /api/me.
const NAV: { href: string; label: MessageKey; permission: Permission }[] = [
  { href: '/', label: 'nav.home', permission: 'home:view' },
  { href: '/gaming', label: 'nav.gaming', permission: 'gaming:power' },
  { href: '/promotions', label: 'nav.promotions', permission: 'promotion:read' },
  { href: '/clusters', label: 'nav.clusters', permission: 'dashboard:view' },
  { href: '/services', label: 'nav.services', permission: 'dashboard:view' },
  { href: '/capacity', label: 'nav.capacity', permission: 'dashboard:view' },
  { href: '/audit', label: 'nav.audit', permission: 'audit:read' },
];

export function AppHeader({ locale, audience }: { locale: Locale; audience: Audience }) {
  const t = translator(locale);
  const items = NAV.filter((n) => can(audience, n.permission)).map((n) => ({ href: n.href, label: t(n.label) }));
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-slate-900">
        {t('nav.skip')}
      </a>
      <div className="mx-auto flex max-w-6xl items-center gap-2 px-3 py-2 sm:px-4">
        <Link href="/" prefetch={false} className="mr-1 text-lg font-bold">
          Homelab
        </Link>
        <TopNav items={items} label={t('nav.main')} />
        <div className="ml-auto flex items-center gap-2">
          <LiveStatus labels={{ open: t('live.connected'), reconnecting: t('live.reconnecting'), connecting: t('live.connecting') }} />
          <AccountMenu>
            <LocaleSwitch locale={locale} label={t('locale.label')} />
            <span className="flex items-center gap-2">
              <ViewerName />
              <Badge tone={audience === 'admin' ? 'info' : 'neutral'}>
                <span data-testid="user-role" data-role={audience}>
                  {t(`role.${audience}`)}
                </span>
              </Badge>
            </span>
            <Link href="/settings/notifications" prefetch={false} className="rounded-lg px-2 py-2 text-sm underline hover:bg-slate-100 dark:hover:bg-slate-800" data-testid="user-notifications">
              {t('nav.notifications')}
            </Link>
            <SignOutButton label={t('auth.signOut')} />
          </AccountMenu>
        </div>
      </div>
      <TabBar items={items} label={t('nav.main')} more={t('nav.more')} />
    </header>
  );
}
