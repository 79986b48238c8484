import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../http/uuid-param';
import { Accounts } from './accounts.service';
import type { AuthenticatedRequest } from './auth.guard';
import { AddPrincipalDto, ChangeRoleDto } from './dto/admin.dto';
import { Requires } from './requires.decorator';

/** Principals and tokens, for admins. Every change is an event in the `accounts` stream. */
@ApiTags('admin')
@ApiBearerAuth()
@Requires('admin')
@Controller('api/admin')
export class AdminController {
  constructor(private readonly accounts: Accounts) {}

  @Get('principals')
  @ApiOkResponse({ description: 'Every principal with its role' })
  principals() {
    return this.accounts.principals();
  }

  @Post('principals')
  @ApiCreatedResponse({ description: 'The new principal' })
  addPrincipal(@Body() body: AddPrincipalDto, @Req() req: AuthenticatedRequest) {
    return this.accounts.addPrincipal(body.name, body.role, req.principal!);
  }

  @Patch('principals/:id')
  @ApiOkResponse({ description: 'The principal with its new role' })
  changeRole(@UuidParam('id') id: string, @Body() body: ChangeRoleDto, @Req() req: AuthenticatedRequest) {
    return this.accounts.changeRole(id, body.role, req.principal!);
  }

  @Post('principals/:id/tokens')
  @ApiCreatedResponse({ description: 'The new token: shown this once, never again; only its hash is kept' })
  async createToken(@UuidParam('id') id: string, @Req() req: AuthenticatedRequest) {
    const { tokenId, token, principal } = await this.accounts.createToken(id, req.principal!);
    return { tokenId, token, principalId: principal.id, principal: principal.name };
  }

  @Get('principals/:id/tokens')
  @ApiOkResponse({ description: 'The principal’s tokens: ids and times, never the tokens' })
  tokens(@UuidParam('id') id: string) {
    return this.accounts.tokens(id);
  }

  @Post('tokens/:id/revocation')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Revoked: the token stops working at once' })
  async revoke(@UuidParam('id') id: string, @Req() req: AuthenticatedRequest) {
    await this.accounts.revokeToken(id, req.principal!);
    return { tokenId: id, revoked: true };
  }
}
