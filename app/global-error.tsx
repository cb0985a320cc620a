'use client';

// The root layout itself failed: no providers, no catalogue, so both languages in plain HTML.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem', maxWidth: '40rem' }}>
        <main role="alert">
          <h1>Something went wrong · Un problème est survenu</h1>
          <p>The panel could not be shown. Try again in a moment. · Le panneau n&apos;a pas pu s&apos;afficher. Réessayez dans un instant.</p>
          {error.digest ? <p>Reference · Référence : {error.digest}</p> : null}
          <button type="button" onClick={reset} style={{ minHeight: '44px', padding: '0 1rem' }}>
            Try again · Réessayer
          </button>
        </main>
      </body>
    </html>
  );
}
