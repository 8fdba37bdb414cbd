import { Module } from '@nestjs/common';
import { ImportModule } from '@sagsspor/import';
import { RecordingModule } from '@sagsspor/recording';
import { AuditController } from './audit/audit.controller';
import { EventsModule } from './events/events.module';
import { HealthController } from './health/health.controller';
import { ImportsController } from './imports/imports.controller';
import { SagerController } from './sager/sager.controller';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [RecordingModule, ImportModule, EventsModule, WebhooksModule],
  controllers: [SagerController, HealthController, ImportsController, AuditController],
})
export class AppModule {}
