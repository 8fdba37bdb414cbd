import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { HARDENING_CONFIG, loadHardeningConfig, type HardeningConfig } from './hardening-config';
import { APP_LOGGER, createAppLogger } from './logging';
import { RateLimitGuard } from './rate-limit.guard';

/** Settings and the one pino logger, read when the app is created (tests set the environment per app). */
@Module({
  providers: [
    { provide: HARDENING_CONFIG, useFactory: () => loadHardeningConfig() },
    { provide: APP_LOGGER, inject: [HARDENING_CONFIG], useFactory: (config: HardeningConfig) => createAppLogger(config) },
  ],
  exports: [HARDENING_CONFIG, APP_LOGGER],
})
export class HardeningConfigModule {}

/**
 * Rate limiting (a global guard, registered before authentication's so a
 * flood is turned away before any credential is looked at) and structured
 * logging. The request logger itself is the first express middleware
 * (create-api.ts), so that even a request refused by the body parser is
 * logged with its correlation id; nestjs-pino reuses it for Nest's own logs.
 */
@Module({
  imports: [
    HardeningConfigModule,
    ThrottlerModule.forRootAsync({
      imports: [HardeningConfigModule],
      inject: [HARDENING_CONFIG],
      useFactory: (config: HardeningConfig) => ({
        throttlers: [{ ttl: config.rateWindowMs, limit: config.rateLimit ?? Number.MAX_SAFE_INTEGER }],
      }),
    }),
    LoggerModule.forRootAsync({
      imports: [HardeningConfigModule],
      inject: [APP_LOGGER],
      useFactory: (logger: Logger) => ({ pinoHttp: { logger }, useExisting: true }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
  exports: [HardeningConfigModule],
})
export class HardeningModule {}
