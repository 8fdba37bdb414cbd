import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { HardeningConfig } from './hardening-config';
import { resilientStdout } from './log-destination';

export const APP_LOGGER = Symbol('APP_LOGGER');

/** The same rule request-context.ts applies to a client's correlation id. */
const CORRELATION_ID = /^[\w.:-]{1,128}$/;

/**
 * Paths never to print, should any log line carry them: credentials in
 * headers, cookies, and secrets (webhook signing secrets, API keys) in objects.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
  'secret',
  '*.secret',
  'key',
  '*.key',
  'token',
  '*.token',
];

export function createAppLogger(config: HardeningConfig, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'sagsspor' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return pino(options, destination ?? resilientStdout());
}

type Req = IncomingMessage & { id?: unknown; principal?: { name: string } };

/**
 * One log line per request, with the correlation id: the client's
 * X-Correlation-Id when it sent a valid one, else a fresh one — echoed in the
 * response and, for writes, recorded with the events (request-context reads
 * the header). Headers are not logged at all: that is where credentials travel.
 */
export function requestLogging(logger: Logger): HttpLogger<IncomingMessage, ServerResponse> {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse): string {
      const sent = req.headers['x-correlation-id'];
      const id = typeof sent === 'string' && CORRELATION_ID.test(sent) ? sent : randomUUID();
      if (sent === undefined) req.headers['x-correlation-id'] = id;
      res.setHeader('X-Correlation-Id', id);
      return id;
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customProps: (req: Req) => (req.principal ? { principal: req.principal.name } : {}),
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
