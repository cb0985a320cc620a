import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { requestLocale } from '@/components/providers/locale';
import { safeCallbackPath } from '@/lib/security/callback';
import { signIn } from '@/server/auth/config';
import { findCurrentUser } from '@/server/services/users/get-current-user';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await requestLocale()).t('auth.signIn') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl); // only a path of the panel: never an open redirect
  if (await findCurrentUser()) redirect(callbackUrl);
  const failed = typeof params.error === 'string';
  const { t } = await requestLocale();
  async function signInWithKeycloak() {
    'use server';
    await signIn('keycloak', { redirectTo: callbackUrl });
  }
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center gap-6 p-6">
      <div>
        <h1 className="text-2xl font-bold">Homelab</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">{t('auth.tagline')}</p>
      </div>
      {params.signedOut ? <p role="status" className="rounded-lg bg-emerald-50 p-3 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">{t('auth.signedOut')}</p> : null}
      {failed ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-red-900 dark:bg-red-950 dark:text-red-100">
          {t('auth.failed')}
        </p>
      ) : null}
      <form action={signInWithKeycloak}>
        <button type="submit" className="w-full rounded-lg bg-brand-600 px-4 py-3 text-base font-semibold text-white hover:bg-brand-700">
          {t('auth.signIn')}
        </button>
      </form>
      <p className="text-sm text-slate-500 dark:text-slate-400">{t('auth.how')}</p>
    </main>
  );
}
