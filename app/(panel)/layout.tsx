import { redirect } from 'next/navigation';
import { AppHeader } from '@/components/layout/app-header';
import { AppError } from '@/server/errors';
import { getViewer } from '@/server/services/users/get-viewer';

export default async function PanelLayout({ children }: { children: React.ReactNode }) {
  let viewer;
  try {
    viewer = await getViewer();
  } catch (e) {
    if (e instanceof AppError && e.code === 'unauthenticated') redirect('/signin');
    if (e instanceof AppError && e.code === 'forbidden') redirect('/no-access');
    throw e;
  }
  return (
    <>
      <AppHeader user={viewer} />
      <main id="main" className="mx-auto max-w-6xl p-4">
        {children}
      </main>
    </>
  );
}
