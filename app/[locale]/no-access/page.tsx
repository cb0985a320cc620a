import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignOutButton } from '@/components/layout/sign-out-button';
import { requestLocale } from '@/components/providers/locale';
import { findCurrentUser } from '@/server/services/users/get-current-user';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await requestLocale()).t('auth.noAccessTitle') };
}

export default async function NoAccessPage() {
  const user = await findCurrentUser();
  if (!user) redirect('/signin');
  if (user.role !== 'none') redirect('/');
  const { t } = await requestLocale();
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 p-6">
      <h1 className="text-2xl font-bold">{t('auth.almost', { name: user.name.split(' ')[0] })}</h1>
      <p>
        {t('auth.noAccess')} <strong>{t('auth.askAccess')}</strong>
        {t('auth.askAccessWhy')}
      </p>
      <SignOutButton label={t('auth.signOut')} />
    </main>
  );
}
