import { Module } from '@nestjs/common';
import { ImportModule } from '@sagsspor/import';
import { RecordingModule } from '@sagsspor/recording';
import { AuditController } from './audit/audit.controller';
import { CheckpointsModule } from './audit/checkpoints.module';
import { AuthModule } from './auth/auth.module';
import { EventsModule } from './events/events.module';
import { HardeningModule } from './hardening/hardening.module';
import { HealthController } from './health/health.controller';
import { ImportsController } from './imports/imports.controller';
import { PagesModule } from './pages/pages.module';
import { ReadApiModule } from './read/read-api.module';
import { SagerController } from './sager/sager.controller';
import { CommitteeMergesController } from './committees/committee-merges.controller';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  // Hardening before Auth: its rate-limit guard then runs before the access guard.
  imports: [
    HardeningModule,
    AuthModule,
    RecordingModule,
    CheckpointsModule,
    ImportModule,
    EventsModule,
    WebhooksModule,
    ReadApiModule,
    PagesModule,
  ],
  controllers: [SagerController, CommitteeMergesController, HealthController, ImportsController, AuditController],
})
export class AppModule {}
