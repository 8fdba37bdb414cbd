import type { EventStore } from '@sagsspor/event-store';
import type { IntegrationEventMapper } from '@sagsspor/integration-events';
import { keepAliveAgents, type Agents } from './delivery';
import type { WebhookOptions } from './options';
import { SubscriptionWorker, type WorkerStatus } from './subscription-worker';
import type { WebhookStore } from './webhook-store';

export interface DispatcherDeps {
  readonly events: EventStore;
  readonly mapper: IntegrationEventMapper;
  readonly store: WebhookStore;
  readonly options: WebhookOptions;
  /** Shared keep-alive agents; one pair per dispatcher when absent. */
  readonly agents?: Agents;
  readonly onError?: (subscriptionId: string, error: unknown) => void;
}

/**
 * Runs one worker per active subscription, each on its own catch-up
 * subscription from its checkpoint. In-process: one dispatching process per
 * data directory (others set SAGSSPOR_WEBHOOK_DISPATCHER=off), or receivers
 * would get each event once per process.
 */
export class WebhookDispatcher {
  private readonly workers = new Map<string, SubscriptionWorker>();
  private readonly agents: Agents;
  private running = false;

  constructor(private readonly deps: DispatcherDeps) {
    this.agents = deps.agents ?? keepAliveAgents(deps.options.targets);
  }

  start(): void {
    this.running = true;
    for (const subscription of this.deps.store.active()) this.startWorker(subscription.id);
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
    this.workers.clear();
    if (!this.deps.agents) {
      this.agents.http.destroy();
      this.agents.https.destroy();
    }
  }

  /** Starts delivering an active subscription from its stored checkpoint; a no-op when running. */
  startWorker(id: string): void {
    if (!this.running || this.workers.has(id)) return;
    const subscription = this.deps.store.getWithSecret(id);
    if (!subscription || subscription.status !== 'active') return;
    const worker = new SubscriptionWorker(subscription, { ...this.deps, agents: this.agents }, () => this.workers.delete(id));
    this.workers.set(id, worker);
    worker.start();
  }

  async stopWorker(id: string): Promise<void> {
    const worker = this.workers.get(id);
    this.workers.delete(id);
    await worker?.stop();
  }

  /** After a settings change (closed access): stop, which writes the checkpoint, and start over from it. */
  async restartWorker(id: string): Promise<void> {
    await this.stopWorker(id);
    this.startWorker(id);
  }

  /** Fresher than the stored row: checkpoints are written in batches. */
  liveStatus(id: string): WorkerStatus | null {
    return this.workers.get(id)?.status() ?? null;
  }
}
