import { AppError, NotFoundError } from '@sagsspor/kernel';

export class WebhookNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('webhooks.not-found', `No webhook subscription ${id}.`, { id });
  }
}

export class InvalidWebhookError extends AppError {
  constructor(field: string, detail: string) {
    super('webhooks.invalid', 'invalid', 'Invalid webhook subscription', detail, { field });
  }
}
