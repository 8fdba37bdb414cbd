import { Body, Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ImportMinutes, type ImportResult, type ImportSummary } from '@sagsspor/import';
import { AppError, InvalidInputError } from '@sagsspor/kernel';
import { Allow } from '../auth/allow.decorator';
import { closedAccess } from '../auth/request-principal';
import { recordContext } from '../http/request-context';

export const MINUTES_BODY_LIMIT = '5mb';
export const PDF_BODY_LIMIT = '20mb';

class NotMinutesError extends AppError {
  constructor(summary: ImportSummary) {
    const f = summary.failed[0];
    super(
      f?.code ?? 'referat.not-minutes',
      'invalid',
      'Not minutes',
      f ? `${f.document}:${f.line}: ${f.message}` : 'The text is not minutes.',
      { failed: summary.failed },
    );
  }
}

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow('clerk')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import one published minutes document (plain text up to 5 MB, or PDF up to 20 MB) into the event log',
  })
  @ApiConsumes('text/plain', 'application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'kommune', required: false, description: 'Wins over the kommune named in the text' })
  @ApiQuery({ name: 'name', required: false, description: 'Document name kept as the source of every record' })
  async import(@Body() body: unknown, @Query() query: Record<string, unknown>, @Req() req: Request): Promise<ImportSummary> {
    const { kommune, name, ...unknown } = query;
    const extra = Object.keys(unknown);
    if (extra.length > 0)
      throw new InvalidInputError(
        `Unknown query parameter ${extra.map((k) => JSON.stringify(k)).join(', ')}; only kommune and name are accepted.`,
      );
    if (!Buffer.isBuffer(body))
      throw new InvalidInputError('Send the minutes as the request body with Content-Type: text/plain or application/pdf.');
    // A parameter we do not know (a typo, "kommune[$gt]") must not be ignored while the document is imported anyway.
    const strays = Object.keys(req.query).filter((k) => k !== 'kommune' && k !== 'name');
    if (strays.length > 0) throw new InvalidInputError(`Unknown query parameter: ${strays.join(', ')}. Known: kommune, name.`);
    const options = { ...(optionalText(kommune, 'kommune') ? { kommune: kommune as string } : {}) };
    const pdf = req.is('application/pdf') === 'application/pdf';
    const documentName = optionalText(name, 'name') ? fileName(name as string) : pdf ? 'upload.pdf' : 'upload.txt';
    const { source: _source, expectedRevision: _rev, ...context } = recordContext(req, undefined);
    const { summary } = await this.commands.execute<ImportMinutes, ImportResult>(
      new ImportMinutes({ name: documentName, bytes: body }, context, { ...options, closedAccess: closedAccess(req) }),
    );
    if (summary.failed.length > 0) throw new NotMinutesError(summary);
    return summary;
  }
}

function optionalText(value: unknown, field: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200) {
    throw new InvalidInputError(`${field} must be a single non-empty text of at most 200 characters.`);
  }
  return true;
}

/** A document's name is a label kept as the source of its records: a file name, never a path. */
function fileName(name: string): string {
  if (/[/\\]/.test(name) || name.trim() === '.' || name.trim() === '..')
    throw new InvalidInputError('name must be a file name, without "/" or "\\".');
  return name;
}
