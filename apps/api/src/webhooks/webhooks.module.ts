import { Inject, Logger, Module, type BeforeApplicationShutdown, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { loadConfig } from '@sagsspor/config';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import { IntegrationEventMapper } from '@sagsspor/integration-events';
import { RecordingModule } from '@sagsspor/recording';
import { WebhookDispatcher, WebhookService, WebhookStore, webhookOptionsFromEnv, type WebhookOptions } from '@sagsspor/webhooks';
import { EventsModule } from '../events/events.module';
import { WebhooksController } from './webhooks.controller';

const WEBHOOK_OPTIONS = Symbol('WEBHOOK_OPTIONS');
const DISPATCHER = Symbol('WEBHOOK_DISPATCHER');

/** Starts the dispatcher with the app and stops it before the event store closes. */
class WebhooksLifecycle implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(DISPATCHER) private readonly dispatcher: WebhookDispatcher | null,
    @Inject(WebhookStore) private readonly store: WebhookStore,
  ) {}

  onModuleInit(): void {
    this.dispatcher?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatcher?.stop();
  }

  onApplicationShutdown(): void {
    this.store.close();
  }
}

const logger = new Logger('Webhooks');

@Module({
  imports: [RecordingModule, EventsModule],
  controllers: [WebhooksController],
  providers: [
    { provide: WEBHOOK_OPTIONS, useFactory: () => webhookOptionsFromEnv() },
    { provide: WebhookStore, useFactory: () => new WebhookStore(loadConfig().dataDir) },
    {
      provide: DISPATCHER,
      inject: [EVENT_STORE, IntegrationEventMapper, WebhookStore, WEBHOOK_OPTIONS],
      useFactory: (events: EventStore, mapper: IntegrationEventMapper, store: WebhookStore, options: WebhookOptions) =>
        options.dispatcherEnabled
          ? new WebhookDispatcher({
              events,
              mapper,
              store,
              options,
              onError: (id, error) => logger.warn(`Subscription ${id}: ${String(error)}`),
            })
          : null,
    },
    {
      provide: WebhookService,
      inject: [EVENT_STORE, WebhookStore, DISPATCHER, WEBHOOK_OPTIONS],
      useFactory: (events: EventStore, store: WebhookStore, dispatcher: WebhookDispatcher | null, options: WebhookOptions) =>
        new WebhookService(events, store, dispatcher, options.targets),
    },
    WebhooksLifecycle,
  ],
})
export class WebhooksModule {}
