// Runs once when the server starts: validate configuration (fail fast), open and migrate the database.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { boot } = await import('./server/boot');
  await boot();
}
