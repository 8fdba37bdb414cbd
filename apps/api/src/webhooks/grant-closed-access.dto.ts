import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class GrantClosedAccessDto {
  @ApiProperty({ description: "true: deliveries carry closed items' title and text; false: the fixed notice" })
  @IsBoolean()
  closedAccess!: boolean;
}
