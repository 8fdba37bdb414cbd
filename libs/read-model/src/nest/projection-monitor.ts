import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import type { ReadModelStore } from '../port';
import { projectionStatus, type ProjectionStatus } from '../projector/monitor';
import { ProjectorService } from './projector.service';
import { READ_MODEL } from './tokens';

/** Projection lag for GET /health and GET /metrics. */
@Injectable()
export class ProjectionMonitor {
  private recent: { at: number; status: Promise<ProjectionStatus> } | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly model: ReadModelStore,
    private readonly projector: ProjectorService,
  ) {}

  status(): Promise<ProjectionStatus> {
    return projectionStatus(this.store, this.model, this.projector.stats);
  }

  /** One computation shared by the several gauges of one scrape. */
  statusForScrape(): Promise<ProjectionStatus> {
    const now = Date.now();
    if (!this.recent || now - this.recent.at > 250) {
      const status = this.status();
      status.catch(() => undefined);
      this.recent = { at: now, status };
    }
    return this.recent.status;
  }
}
