import { Module } from '@nestjs/common';
import { ImportModule } from '@sagsspor/import';
import { RecordingModule } from '@sagsspor/recording';
import { AuditController } from './audit/audit.controller';
import { HealthController } from './health/health.controller';
import { ImportsController } from './imports/imports.controller';
import { SagerController } from './sager/sager.controller';

@Module({
  imports: [RecordingModule, ImportModule],
  controllers: [SagerController, HealthController, ImportsController, AuditController],
})
export class AppModule {}
