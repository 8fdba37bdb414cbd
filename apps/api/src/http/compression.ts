import * as zlib from 'node:zlib';
import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/**
 * What the server compresses: what the pages send (HTML, feeds, CSV, their
 * stylesheet and script). The JSON API stays uncompressed (its clients and
 * benchmarks measure it so), and event streams must reach the client event
 * by event.
 */
const COMPRESSED_TYPES = /^(text\/html|text\/css|text\/csv|application\/atom\+xml|text\/javascript|application\/javascript)\b/;

/** Below this a compressed body saves less than its headers cost (the `compression` package's own default). */
const THRESHOLD = 1024;

/** The fastest levels: a page is tens of KB, where these compress about as well as the defaults at a fraction of the CPU. */
const GZIP: zlib.ZlibOptions = { level: 1 };
const brotliOf = (size?: number): zlib.BrotliOptions => ({
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1, ...(size === undefined ? {} : { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size }) },
});

function compressible(res: Response): boolean {
  const type = res.getHeader('Content-Type');
  return typeof type === 'string' && COMPRESSED_TYPES.test(type);
}

/** For bodies written a piece at a time (CSV pages as they are read, static files): a compressing stream. */
export function compressStreams(): RequestHandler {
  return compression({
    threshold: THRESHOLD,
    ...GZIP,
    brotli: brotliOf(),
    filter: (req, res) => compressible(res) && compression.filter(req, res),
  });
}

/**
 * A body rendered in full (a page, a feed) is compressed in one call, on the
 * spot: a stream would hand the same bytes to the thread pool and back and
 * send them chunked, work that costs more than the compressing itself
 * (tens of microseconds for a page). The middleware above sees the
 * Content-Encoding and leaves the answer alone. Set the Content-Type first.
 */
export function sendWhole(res: Response, body: string): void {
  const req: Request = res.req;
  const size = Buffer.byteLength(body);
  if (!compressible(res) || size < THRESHOLD || req.method === 'HEAD') {
    res.send(body);
    return;
  }
  res.vary('Accept-Encoding');
  // Brotli when the client takes it at all (smaller, and quicker at these levels), as the middleware prefers it.
  const encoding = (['br', 'gzip'] as const).find((e) => req.acceptsEncodings(e, 'identity') === e);
  if (encoding === undefined) {
    res.send(body);
    return;
  }
  res.setHeader('Content-Encoding', encoding);
  res.send(encoding === 'br' ? zlib.brotliCompressSync(body, brotliOf(size)) : zlib.gzipSync(body, GZIP));
}
