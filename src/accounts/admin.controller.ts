import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, idProblems, RATE_LIMIT_PROBLEM } from '../http/openapi/problem-responses';
import { responseArray, responseSchema } from '../response-schemas';
import { UuidParam } from '../http/uuid-param';
import { Accounts } from './accounts.service';
import type { AuthenticatedRequest } from './auth.guard';
import { AddPrincipalDto, ChangeRoleDto } from './dto/admin.dto';
import { Requires } from './requires.decorator';

/** Principals and tokens, for admins. Every change is an event in the `accounts` stream. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiProblems({
  401: 'No, a malformed, an unknown or a revoked bearer token (`unauthorized`)',
  403: 'The principal is not an admin (`forbidden`)',
})
@Requires('admin')
@Controller('api/admin')
export class AdminController {
  constructor(private readonly accounts: Accounts) {}

  @Get('principals')
  @ApiOperation({ summary: 'List principals' })
  @ApiOkResponse({ description: 'Every principal with its role', schema: responseArray('Principal') })
  principals() {
    return this.accounts.principals();
  }

  @Post('principals')
  @ApiOperation({ summary: 'Add a principal', description: 'An account with a role; give it a token next.' })
  @ApiCreatedResponse({ description: 'The new principal', schema: responseSchema('Principal') })
  @ApiProblems({
    400: 'name or role is missing or not valid (`validation`, naming the field), or the body is not JSON (`malformed-json`, …)',
    413: 'Body larger than LEDGER_BODY_LIMIT (`too-large`)',
    415: 'A body that is not application/json in UTF-8 (`unsupported-media-type`)',
    422: 'A principal with this name exists, whatever its case (`name-taken`)',
    ...RATE_LIMIT_PROBLEM,
  })
  addPrincipal(@Body() body: AddPrincipalDto, @Req() req: AuthenticatedRequest) {
    return this.accounts.addPrincipal(body.name, body.role, req.principal!);
  }

  @Patch('principals/:id')
  @ApiOperation({ summary: 'Change a principal’s role' })
  @ApiOkResponse({ description: 'The principal with its new role', schema: responseSchema('Principal') })
  @ApiProblems({
    ...idProblems('principal'),
    400: 'id is not a UUID, or role is not valid (`validation`, naming the field)',
    413: 'Body larger than LEDGER_BODY_LIMIT (`too-large`)',
    415: 'A body that is not application/json in UTF-8 (`unsupported-media-type`)',
    422: 'The principal already has this role (`unchanged`)',
    ...RATE_LIMIT_PROBLEM,
  })
  changeRole(@UuidParam('id') id: string, @Body() body: ChangeRoleDto, @Req() req: AuthenticatedRequest) {
    return this.accounts.changeRole(id, body.role, req.principal!);
  }

  @Post('principals/:id/tokens')
  @ApiOperation({ summary: 'Create a token', description: 'The token is in this answer only: only its digest is kept.' })
  @ApiCreatedResponse({ description: 'The new token: shown this once, never again; only its hash is kept', schema: responseSchema('NewToken') })
  @ApiProblems({ ...idProblems('principal'), ...RATE_LIMIT_PROBLEM })
  async createToken(@UuidParam('id') id: string, @Req() req: AuthenticatedRequest) {
    const { tokenId, token, principal } = await this.accounts.createToken(id, req.principal!);
    return { tokenId, token, principalId: principal.id, principal: principal.name };
  }

  @Get('principals/:id/tokens')
  @ApiOperation({ summary: 'List a principal’s tokens' })
  @ApiOkResponse({ description: 'The principal’s tokens: ids and times, never the tokens', schema: responseArray('Token') })
  @ApiProblems(idProblems('principal'))
  tokens(@UuidParam('id') id: string) {
    return this.accounts.tokens(id);
  }

  @Post('tokens/:id/revocation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a token' })
  @ApiOkResponse({ description: 'Revoked: the token stops working at once', schema: responseSchema('Revocation') })
  @ApiProblems({
    ...idProblems('token'),
    422: 'The token is already revoked (`already-revoked`)',
    ...RATE_LIMIT_PROBLEM,
  })
  async revoke(@UuidParam('id') id: string, @Req() req: AuthenticatedRequest) {
    await this.accounts.revokeToken(id, req.principal!);
    return { tokenId: id, revoked: true };
  }
}
