import { notFound } from 'next/navigation';
import { AUDIENCES, isAudience } from '@/lib/shell/audience';

// The role's view of the panel (lib/shell/audience.ts), set by the proxy from the session.
export function generateStaticParams() {
  return AUDIENCES.map((audience) => ({ audience }));
}

export default async function AudienceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ audience: string }> }) {
  if (!isAudience((await params).audience)) notFound();
  return children;
}
