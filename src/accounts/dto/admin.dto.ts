import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../http/text';
import { ROLES, type Role } from '../../../contract/accounts.events';

export class AddPrincipalDto {
  @ApiProperty({ example: 'boris.volodarsky', maxLength: 100 })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} ._@-]*$/u, { message: 'name must start with a letter or digit and hold only letters, digits, spaces and . _ @ -' })
  name!: string;

  @ApiProperty({ enum: ROLES, example: 'contributor' })
  @IsIn(ROLES)
  role!: Role;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES, example: 'moderator' })
  @IsIn(ROLES)
  role!: Role;
}
