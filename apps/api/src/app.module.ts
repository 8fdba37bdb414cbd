import { Module } from '@nestjs/common';
import { RecordingModule } from '@sagsspor/recording';
import { HealthController } from './health/health.controller';
import { SagerController } from './sager/sager.controller';

@Module({
  imports: [RecordingModule],
  controllers: [SagerController, HealthController],
})
export class AppModule {}
