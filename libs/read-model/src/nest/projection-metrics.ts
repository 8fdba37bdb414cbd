import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Gauge, register, type Registry } from 'prom-client';
import type { ProjectionStatus } from '../projector/monitor';
import { ProjectionMonitor } from './projection-monitor';

type Read = (s: ProjectionStatus) => number;

const GAUGES: readonly { name: string; help: string; read: Read }[] = [
  {
    name: 'sagsspor_projection_lag_positions',
    help: 'Log positions the live read model is behind the head of the event store',
    read: (s) => s.lagPositions,
  },
  {
    name: 'sagsspor_projection_lag_seconds',
    help: 'Age in seconds of the oldest event the live read model has not applied (0 when caught up)',
    read: (s) => s.lagSeconds,
  },
  {
    name: 'sagsspor_projection_checkpoint_position',
    help: 'Position of the last event applied to the live read model (-1 before any)',
    read: (s) => Number(s.checkpoint ?? -1),
  },
  {
    name: 'sagsspor_event_store_head_position',
    help: 'Position of the newest event in the event store (-1 when empty)',
    read: (s) => Number(s.headPosition),
  },
  {
    name: 'sagsspor_projection_live',
    help: '1 when a complete generation of the read model answers queries',
    read: (s) => (s.status === 'live' ? 1 : 0),
  },
  {
    name: 'sagsspor_projection_events_total',
    help: 'Events applied by the projector in this process since it started',
    read: (s) => s.projector?.events ?? 0,
  },
  {
    name: 'sagsspor_projection_resubscriptions_total',
    help: 'Times the projector in this process resubscribed after a failure or a dropped subscription',
    read: (s) => s.projector?.resubscriptions ?? 0,
  },
  {
    name: 'sagsspor_projection_skipped_events_total',
    help: 'Malformed events the projector in this process skipped',
    read: (s) => s.projector?.skipped ?? 0,
  },
];

/**
 * Projection gauges on prom-client's default registry (what GET /metrics
 * serves), computed from stored checkpoints at scrape time. Re-registered per
 * application instance, so tests that start several apps in one process work.
 */
@Injectable()
export class ProjectionMetrics implements OnModuleDestroy {
  private readonly names: string[] = [];

  constructor(monitor: ProjectionMonitor) {
    this.register(register, monitor);
  }

  onModuleDestroy(): void {
    for (const name of this.names) register.removeSingleMetric(name);
  }

  private register(registry: Registry, monitor: ProjectionMonitor): void {
    for (const g of GAUGES) {
      registry.removeSingleMetric(g.name);
      this.names.push(g.name);
      new Gauge({
        name: g.name,
        help: g.help,
        labelNames: ['projection'],
        registers: [registry],
        async collect() {
          const status = await monitor.statusForScrape();
          this.set({ projection: status.projection }, g.read(status));
        },
      });
    }
  }
}
