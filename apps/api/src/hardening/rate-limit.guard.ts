import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { HARDENING_CONFIG, type HardeningConfig } from './hardening-config';

/** @nestjs/throttler per client address; switched off entirely when SAGSSPOR_RATE_LIMIT=off. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(HARDENING_CONFIG) private readonly config: HardeningConfig,
  ) {
    super(options, storage, reflector);
  }

  /** One budget per client for the whole API, not one per route. */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return this.config.rateLimit === null || context.getType() !== 'http';
  }
}
