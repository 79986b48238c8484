import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../http/openapi/problem-responses';
import { enumOf, object, string, uuid } from '../http/openapi/schemas/common';
import { ROLES } from '../../contract/accounts.events';
import type { AuthenticatedRequest } from './auth.guard';
import { Requires } from './requires.decorator';

/**
 * Who the bearer token belongs to. The web page asks this when someone signs in with a pasted token,
 * to show who they are and to offer only the actions their role allows (moderator actions to
 * moderators). Any valid token of any role may ask; without one the answer is 401.
 */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  @Get()
  // A reader is the least role: the guard authenticates the token (401) before any route code runs.
  @Requires('reader')
  @ApiOperation({ summary: 'Who am I', description: 'The principal the bearer token belongs to, and its role.' })
  @ApiOkResponse({
    description: 'The token’s principal',
    schema: object({ id: uuid(), name: string('The principal’s unique name'), role: enumOf(ROLES, 'What the principal may do') }, 'The principal of the bearer token'),
  })
  @ApiProblems({ 401: 'No, a malformed, an unknown or a revoked bearer token (`unauthorized`)' })
  me(@Req() req: AuthenticatedRequest) {
    const { id, name, role } = req.principal!;
    return { id, name, role };
  }
}
