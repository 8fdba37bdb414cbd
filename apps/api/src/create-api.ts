import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import * as express from 'express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { compressStreams } from './http/compression';
import { applyHardening } from './hardening/apply-hardening';
import { contentTypeGuard } from './hardening/content-type-guard';
import { jsonGuard, verifyUtf8 } from './hardening/json-guard';
import { MINUTES_BODY_LIMIT, PDF_BODY_LIMIT } from './imports/imports.controller';
import { csvNegotiation } from './pages/export/exports.controller';
import { sessionMiddleware } from './pages/session/session-middleware';
import { SessionStore } from './pages/session/session-store';
import { ASSETS_DIR } from './pages/views';
import { ProblemFilter } from './problem/problem.filter';
import { strictValidationPipe } from './problem/validation';

export const JSON_BODY_LIMIT = '1mb';

/** The HTTP API, configured but not listening: main.ts and the tests share it. */
export async function createApi(options: { logger?: false } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    // A bad setting (SAGSSPOR_AUTH=apikey) must reach the caller as an error, not exit the process from inside Nest.
    abortOnError: false,
    ...(options.logger === false ? { logger: false } : { bufferLogs: true }),
  });
  if (options.logger !== false) app.useLogger(app.get(PinoNestLogger));
  applyHardening(app);
  app.use(compressStreams());
  app.use('/assets', express.static(ASSETS_DIR, { index: false, maxAge: '365d', immutable: true }));
  app.use(sessionMiddleware(app.get(SessionStore)));
  app.use(csvNegotiation);
  app.use(contentTypeGuard);
  // The sign-in form is the one form body: a key and where to go next.
  app.use('/log-ind', express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 4 }));
  // Minutes arrive as raw bytes: the importer detects their encoding (UTF-8 or Windows-1252) itself.
  app.use('/imports', express.raw({ limit: MINUTES_BODY_LIMIT, type: 'text/plain' }));
  // Published minutes are PDF; their text layer is read by the importer.
  app.use('/imports', express.raw({ limit: PDF_BODY_LIMIT, type: 'application/pdf' }));
  app.use(express.json({ limit: JSON_BODY_LIMIT, strict: true, type: ['application/json', 'application/*+json'], verify: verifyUtf8 }));
  app.use(jsonGuard);
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks();
  const openApi = new DocumentBuilder()
    .setTitle('Sagsspor')
    .setDescription("Follow a municipal sag across committees: record each treatment, read the sag's history.")
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (sgk_...) or a JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'apiKey')
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('apiKey')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'docs-json' });
  return app;
}
