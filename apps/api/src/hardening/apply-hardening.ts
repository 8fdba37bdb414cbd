import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { answerClientErrorsAsProblems } from './client-errors';
import { HARDENING_CONFIG, type HardeningConfig } from './hardening-config';
import { APP_LOGGER, requestLogging } from './logging';
import { urlGuard } from './url-guard';

/** The express middleware that must run before any body is read: logging, URL checks, headers, CORS; and the server's timeouts. */
export function applyHardening(app: NestExpressApplication): HardeningConfig {
  const config = app.get<HardeningConfig>(HARDENING_CONFIG);
  app.use(requestLogging(app.get<Logger>(APP_LOGGER)));
  app.use(urlGuard);
  app.use(
    helmet({
      // Swagger UI (/docs) loads its own scripts and styles from this origin; inline styles and data: images only.
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'none'"],
          // Plain http inside a municipality's network is legitimate; upgrading would break /docs there.
          upgradeInsecureRequests: null,
        },
      },
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  );
  if (config.corsOrigins.length > 0) {
    const allowed = new Set(config.corsOrigins);
    app.enableCors({
      origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ['Authorization', 'X-Api-Key', 'Content-Type', 'If-Match', 'X-Correlation-Id', 'Last-Event-ID'],
      exposedHeaders: ['ETag', 'X-Correlation-Id', 'Retry-After', 'Location'],
      credentials: false,
      maxAge: 600,
    });
  }
  const server = app.getHttpServer() as import('node:http').Server;
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = config.headersTimeoutMs;
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
  answerClientErrorsAsProblems(server);
  return config;
}
