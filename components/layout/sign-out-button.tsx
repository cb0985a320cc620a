import { requestLocale } from '../providers/locale';

export async function SignOutButton() {
  const { t } = await requestLocale();
  return (
    <form method="post" action="/api/sign-out">
      <button type="submit" className="rounded-lg px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800">
        {t('auth.signOut')}
      </button>
    </form>
  );
}
