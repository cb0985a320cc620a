import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignOutButton } from '@/components/layout/sign-out-button';
import { findCurrentUser } from '@/server/services/users/get-current-user';

export const metadata: Metadata = { title: 'No access yet' };

export default async function NoAccessPage() {
  const user = await findCurrentUser();
  if (!user) redirect('/signin');
  if (user.role !== 'none') redirect('/');
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 p-6">
      <h1 className="text-2xl font-bold">Almost there, {user.name.split(' ')[0]}</h1>
      <p>
        Your account works, but it has no access to the homelab panel yet. <strong>Ask Paul for access</strong>: he can add
        you to the family group.
      </p>
      <SignOutButton />
    </main>
  );
}
