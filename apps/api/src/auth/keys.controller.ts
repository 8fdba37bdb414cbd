import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuthenticator, ApiKeyStore, type ApiKeyRecord } from '@sagsspor/access';
import { NotFoundError } from '@sagsspor/kernel';
import { Allow } from './allow.decorator';
import { CreateKeyDto } from './create-key.dto';

/** API keys, as the CLI's `keys` command manages them; a revocation here takes effect at once. */
@ApiTags('keys')
@Allow('admin')
@Controller('keys')
export class KeysController {
  constructor(
    private readonly store: ApiKeyStore,
    private readonly keys: ApiKeyAuthenticator,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key; the key is in this response only (stored as a SHA-256 hash)' })
  create(@Body() body: CreateKeyDto): ApiKeyRecord & { key: string } {
    return this.store.create(body.name, body.role);
  }

  @Get()
  @ApiOperation({ summary: 'All API keys, active and revoked (never the keys themselves)' })
  list(): { items: ApiKeyRecord[] } {
    return { items: this.store.list() };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key' })
  revoke(@Param('id') id: string): void {
    const found = this.store.find(id);
    if (!found) throw new NotFoundError('key.not-found', `No API key ${id}.`, { id });
    this.store.revoke(id);
    this.keys.invalidate(id);
  }
}
