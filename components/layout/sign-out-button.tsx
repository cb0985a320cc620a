export function SignOutButton() {
  return (
    <form method="post" action="/api/sign-out">
      <button type="submit" className="rounded-lg px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800">
        Sign out
      </button>
    </form>
  );
}
