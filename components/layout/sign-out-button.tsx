/** Signs out with a plain form (works before the page's JavaScript has loaded). */
export function SignOutButton({ label }: { label: string }) {
  return (
    <form method="post" action="/api/sign-out">
      <button type="submit" className="rounded-lg px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800">
        {label}
      </button>
    </form>
  );
}
