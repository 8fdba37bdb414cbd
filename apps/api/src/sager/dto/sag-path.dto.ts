import { ApiProperty } from '@nestjs/swagger';
import { IsIdentity } from './validators';

/** /sager/{kommune}/{sagsnummer}: the same limits as everywhere else a sag is named. */
export class SagPath {
  @ApiProperty({ example: 'Lejre' }) @IsIdentity('kommune') kommune!: string;
  @ApiProperty({ example: '23-002657', description: 'URL-encoded when it holds "/"' }) @IsIdentity('sagsnummer') sagsnummer!: string;
}

/** /committees/{kommune}/{committeeKey}/meetings. */
export class CommitteePath {
  @ApiProperty({ example: 'Lejre' }) @IsIdentity('kommune') kommune!: string;
  @ApiProperty({ example: 'økonomiudvalget', description: 'A committee key, or any spelling of its name' })
  @IsIdentity('committee')
  committeeKey!: string;
}

/** /committees/{kommune}/merges. */
export class KommunePath {
  @ApiProperty({ example: 'Lejre' }) @IsIdentity('kommune') kommune!: string;
}
