// GET /api/icons/:file — a tile's icon from the `icons.dir` folder (an SVG is served sandboxed, scripts never run).
import { jsonError, route } from '@/server/http/respond';
import { getIconFile } from '@/server/services/icons/get-icon-file';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/icons/[file]', async (_req: Request, { params }: { params: Promise<{ file: string }> }) => {
  const { file } = await params;
  try {
    const { body, contentType } = await getIconFile({ name: file });
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': contentType,
        'Cache-Control': 'private, max-age=3600',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (e) {
    return jsonError(e);
  }
});
