import pino from 'pino';

/** What logging could not write (a full disk, a closed pipe): counted, for /health and /metrics. */
export interface LogHealth {
  readonly failedWrites: number;
  readonly droppedBytes: number;
  readonly lastError: string | null;
}

const state = { failedWrites: 0, droppedBytes: 0, lastError: null as string | null };

export function logHealth(): LogHealth {
  return { ...state };
}

/** Past this much unwritten log, new lines are dropped rather than held in memory. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * Standard output, written asynchronously: a log line never waits for the
 * disk or the pipe behind it. When writing fails (ENOSPC on a full disk,
 * EPIPE) the error is counted, never thrown — the server goes on answering —
 * the unwritten lines are kept up to 8 MB and retried with the next line,
 * and beyond that dropped and counted.
 */
export function resilientStdout(): pino.DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, maxLength: MAX_BUFFERED_BYTES });
  stream.on('error', (error: NodeJS.ErrnoException) => {
    state.failedWrites += 1;
    state.lastError = error.code ?? error.message;
  });
  stream.on('drop', (data: string) => {
    state.droppedBytes += Buffer.byteLength(data);
  });
  return stream;
}
