import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { register } from 'prom-client';
import { Public } from '../auth/allow.decorator';

/** Prometheus text from prom-client's default registry (projection lag and whatever else registers there). */
@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', register.contentType)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Metrics in the Prometheus text format, including projection lag' })
  metrics(): Promise<string> {
    return register.metrics();
  }
}
