import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { WebhookService, type CreatedWebhook, type WebhookView } from '@sagsspor/webhooks';
import { Allow } from '../auth/allow.decorator';
import { CreateWebhookDto } from './create-webhook.dto';
import { GrantClosedAccessDto } from './grant-closed-access.dto';

/**
 * Webhook subscriptions. Every route is administrative: admins only
 * (@Allow('admin') on the class; the global access guard enforces it).
 */
@ApiTags('webhooks')
@Allow('admin')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookService) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe a URL to integration events; the signing secret is in this response only' })
  create(@Body() body: CreateWebhookDto): Promise<CreatedWebhook> {
    return this.webhooks.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'All subscriptions with their delivery state (no secrets)' })
  async list(): Promise<{ items: WebhookView[] }> {
    return { items: await this.webhooks.list() };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A subscription: checkpoint, lag, last error, next attempt' })
  get(@Param('id') id: string): Promise<WebhookView> {
    return this.webhooks.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop delivering and forget the subscription' })
  async delete(@Param('id') id: string): Promise<void> {
    await this.webhooks.delete(id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused subscription, starting with the event it failed on' })
  resume(@Param('id') id: string): Promise<WebhookView> {
    return this.webhooks.resume(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Grant or withdraw a subscription's access to closed items' content" })
  grant(@Param('id') id: string, @Body() body: GrantClosedAccessDto): Promise<WebhookView> {
    return this.webhooks.setClosedAccess(id, body.closedAccess);
  }
}
