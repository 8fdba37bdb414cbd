import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@sagsspor/access';

export class CreateKeyDto {
  @ApiProperty({ example: 'sekretariat@lejre.dk', description: 'Who uses the key: recorded as recorded-by of what it writes' })
  @IsString()
  @MaxLength(200)
  @Matches(/^\S(.*\S)?$/u, { message: 'name must be a non-empty text without surrounding blanks' })
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES as unknown as string[])
  role!: Role;
}
