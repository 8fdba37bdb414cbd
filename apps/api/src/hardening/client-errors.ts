import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { typeUri } from '../problem/problem.filter';

const PROBLEMS: Record<number, { code: string; title: string; detail: string }> = {
  400: { code: 'request.malformed', title: 'Malformed request', detail: 'The request is not valid HTTP.' },
  408: { code: 'request.timeout', title: 'Request timeout', detail: 'The request did not arrive in time.' },
  431: {
    code: 'request.headers-too-large',
    title: 'Request headers too large',
    detail: 'The request headers are larger than this server accepts.',
  },
};

/** Node's own bookkeeping of the response a socket is writing (what its default handler checks too). */
interface InFlight {
  readonly _httpMessage?: { readonly _headerSent?: boolean } | null;
}

/**
 * Node answers requests it cannot parse (bad HTTP, headers too large, too
 * slow) before the app sees them, with bare text; here they get
 * problem+json like every other error.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & InFlight) => {
    // As Node's own handler: never write into a response already under way (it would corrupt it for the peer).
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?._headerSent) return void socket.destroy(error);
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const p = PROBLEMS[status] as { code: string; title: string; detail: string };
    const body = JSON.stringify({ type: typeUri(p.code), title: p.title, status, detail: p.detail, code: p.code });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    socket.destroy(error);
  });
}
