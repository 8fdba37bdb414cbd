import { randomUUID } from 'node:crypto';
import type { EventStore } from '@sagsspor/event-store';
import { parseEventFilter } from '@sagsspor/integration-events';
import { InvalidWebhookError, WebhookNotFoundError } from './errors';
import { generateWebhookSecret } from './secret';
import { targetRefusal, type TargetPolicy } from './target-policy';
import type { WebhookFilter } from './subscription';
import type { WebhookDispatcher } from './webhook-dispatcher';
import type { WebhookStore } from './webhook-store';
import { toWebhookView, type WebhookView } from './webhook-view';

export interface CreateWebhook {
  readonly url: string;
  readonly types?: readonly string[];
  readonly kommune?: readonly string[];
  readonly committee?: readonly string[];
  /** `now` (default): events recorded from now on; `beginning`: the whole history first. */
  readonly start?: 'now' | 'beginning';
}

export interface CreatedWebhook extends WebhookView {
  /** Shown once, here: it is stored to sign with, but no read returns it. */
  readonly secret: string;
}

const MAX_URL_LENGTH = 2048;

/** The use cases behind the /webhooks routes; no HTTP here, so any entry point (and a future guard) can use it. */
export class WebhookService {
  constructor(
    private readonly events: EventStore,
    private readonly store: WebhookStore,
    private readonly dispatcher: WebhookDispatcher | null,
    private readonly targets: TargetPolicy,
  ) {}

  async create(input: CreateWebhook): Promise<CreatedWebhook> {
    const url = validTargetUrl(input.url);
    const refusal = await targetRefusal(new URL(url), this.targets);
    if (refusal) {
      throw new InvalidWebhookError(
        'url',
        `url must not reach this machine or its link-local, unspecified or multicast networks: ${refusal}. ` +
          'SAGSSPOR_WEBHOOK_ALLOWED_NETWORKS allows a network explicitly.',
      );
    }
    const filter: WebhookFilter = { types: list(input.types), kommune: list(input.kommune), committee: list(input.committee) };
    parseEventFilter(filter);
    const head = await this.events.headPosition();
    const id = randomUUID();
    const secret = generateWebhookSecret();
    const checkpoint = input.start === 'beginning' || head < 0n ? null : head.toString();
    this.store.create({ id, url, filter, secret, createdAt: new Date().toISOString(), checkpoint });
    this.dispatcher?.startWorker(id);
    return { ...(await this.get(id)), secret };
  }

  async list(): Promise<WebhookView[]> {
    const head = await this.events.headPosition();
    return this.store.list().map((s) => toWebhookView(s, this.dispatcher?.liveStatus(s.id) ?? null, head));
  }

  async get(id: string): Promise<WebhookView> {
    const subscription = this.store.get(id);
    if (!subscription) throw new WebhookNotFoundError(id);
    return toWebhookView(subscription, this.dispatcher?.liveStatus(id) ?? null, await this.events.headPosition());
  }

  async delete(id: string): Promise<void> {
    await this.dispatcher?.stopWorker(id);
    if (!this.store.delete(id)) throw new WebhookNotFoundError(id);
  }

  /** Replays from the event it paused on. Resuming an active subscription changes nothing. */
  async resume(id: string): Promise<WebhookView> {
    if (!this.store.get(id)) throw new WebhookNotFoundError(id);
    if (this.store.resume(id)) this.dispatcher?.startWorker(id);
    return this.get(id);
  }

  /** For the admin route that access control will add. */
  async setClosedAccess(id: string, closedAccess: boolean): Promise<WebhookView> {
    if (!this.store.setClosedAccess(id, closedAccess)) throw new WebhookNotFoundError(id);
    await this.dispatcher?.restartWorker(id);
    return this.get(id);
  }
}

function list(values: readonly string[] | undefined): string[] | null {
  return values === undefined ? null : values.map((v) => v.trim());
}

function validTargetUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidWebhookError('url', 'url must be an absolute http or https URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidWebhookError('url', 'url must use http or https.');
  if (url.username || url.password) throw new InvalidWebhookError('url', 'url must not hold credentials; verify the signature instead.');
  if (url.hash) throw new InvalidWebhookError('url', 'url must not have a fragment.');
  if (raw.length > MAX_URL_LENGTH) throw new InvalidWebhookError('url', `url must be at most ${MAX_URL_LENGTH} characters.`);
  return url.toString();
}
