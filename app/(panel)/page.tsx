import { Card } from '@/components/ui/card';
import { getViewer } from '@/server/services/users/get-viewer';

export default async function HomePage() {
  const viewer = await getViewer();
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-bold">Hello, {viewer.name.split(' ')[0]}</h1>
      <Card title="Your access">
        <p>
          You are signed in as <strong>{viewer.name}</strong>
          {viewer.email ? <> ({viewer.email})</> : null} with the <strong>{viewer.role}</strong> role.
        </p>
      </Card>
    </div>
  );
}
