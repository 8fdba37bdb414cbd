import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { VerifyReport } from '@sagsspor/audit';
import { VerifyAuditLog } from '@sagsspor/recording';
import { Allow } from '../auth/allow.decorator';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  /** 200 whether or not the chain holds: the check itself succeeded; `ok` carries the verdict. */
  @Get('verify')
  @Allow('auditor')
  @ApiOperation({ summary: "Verify every stream's SHA-256 hash chain over the whole event log" })
  verify(): Promise<VerifyReport> {
    return this.queries.execute<VerifyAuditLog, VerifyReport>(new VerifyAuditLog());
  }
}
