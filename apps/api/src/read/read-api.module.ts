import { Module } from '@nestjs/common';
import { ReadModelModule } from '@sagsspor/read-model';
import { CommitteesController } from './committees.controller';
import { DecisionsController } from './decisions.controller';
import { MetricsController } from './metrics.controller';
import { SagerListController } from './sager-list.controller';

const readModel = ReadModelModule.forRoot();

/**
 * The read routes (GET /sager, /committees, /decisions), GET /metrics, and
 * the read model itself: re-exported so the app can inject ProjectorService
 * (waitForPosition) and ProjectionMonitor (lag in /health).
 */
@Module({
  imports: [readModel],
  controllers: [SagerListController, CommitteesController, DecisionsController, MetricsController],
  exports: [readModel],
})
export class ReadApiModule {}
