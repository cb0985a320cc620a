import PanelNotFound from './(panel)/not-found';

// An address that matches no route renders outside the panel's layout: its own <main> landmark.
export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-6xl p-4">
      <PanelNotFound />
    </main>
  );
}
