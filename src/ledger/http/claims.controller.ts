import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiReadAccess, idProblems, MIN_POSITION_PROBLEMS } from '../../http/openapi/problem-responses';
import { responseSchema } from '../../response-schemas';
import type { Request, Response } from 'express';
import { PositionQuery } from '../../http/position-query';
import { UuidParam } from '../../http/uuid-param';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { questionsProjection } from '../../../projections/questions/questions.projection';
import { NotFoundError } from '../domain-error';
import { AttachEvidenceDto, RecordStanceDto, RelateClaimsDto, ReviseClaimDto, VerifyEvidenceDto } from './dto/claim.dto';
import { ReasonDto } from './dto/question.dto';
import { presentClaim } from './presenters';
import { WriteRoutes } from './write-routes';
import { WRITE_HEADERS } from './write-headers';
import { WriteResponse } from './write-response';

@ApiTags('claims')
@Controller('api')
export class ClaimsController {
  constructor(
    private readonly writes: WriteRoutes,
    private readonly runner: ProjectionRunner,
  ) {}

  @Patch('claims/:id')
  @ApiOperation({ summary: 'Revise a claim', description: 'A new wording with a reason, by the claim’s owner or a moderator; every earlier wording stays in the history.' })
  @WRITE_HEADERS()
  @ApiProblems(idProblems('claim'))
  @ApiOkResponse({ type: WriteResponse, description: 'Revised: the old text stays in the history' })
  async revise(@UuidParam('id') id: string, @Body() body: ReviseClaimDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(req, res, 'ReviseClaim', body, id);
  }

  @Post('claims/:id/retraction')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retract a claim', description: 'By the claim’s owner or a moderator, with a reason. The claim stays in the record, labelled retracted, and drops out of the consensus.' })
  @WRITE_HEADERS()
  @ApiProblems(idProblems('claim'))
  @ApiOkResponse({ type: WriteResponse })
  async retract(@UuidParam('id') id: string, @Body() body: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(req, res, 'RetractClaim', body, id);
  }

  @Post('claims/relations')
  @ApiOperation({ summary: 'Relate a claim to a claim or to evidence', description: 'supports, rebuts, undercuts or competes (rival explanations, claims only), within one question. An unknown `fromClaimId` is a 422 `unknown-claim`.' })
  @WRITE_HEADERS()
  @ApiCreatedResponse({
    type: WriteResponse,
    description: 'Related: the id is the relation’s. The target is a claim (`toClaimId`) or a piece of evidence of the same question (`toEvidenceId`)',
  })
  async relate(@Body() body: RelateClaimsDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(req, res, 'RelateClaims', body);
  }

  @Post('claims/:id/evidence')
  @ApiOperation({ summary: 'Attach evidence to a claim', description: 'A registered source (an unknown `sourceId` is a 422 `unknown-source`) for or against the claim, at a locator, with a quote and how far it was read: cited, examined or transcribed.' })
  @WRITE_HEADERS()
  @ApiProblems(idProblems('claim'))
  @ApiCreatedResponse({ type: WriteResponse, description: 'Attached: the id is the evidence’s' })
  async attach(@UuidParam('id') id: string, @Body() body: AttachEvidenceDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(req, res, 'AttachEvidence', body, id);
  }

  @Post('evidence/:id/verification')
  @HttpCode(200)
  @ApiOperation({ summary: 'Raise the verification of evidence', description: 'Record that someone examined or transcribed the source at the locator, with a note. Never lowered (422 `verification-lowered`).' })
  @WRITE_HEADERS()
  @ApiProblems(idProblems('evidence'))
  @ApiOkResponse({
    type: WriteResponse,
    description: 'Raised: the evidence’s owner, or a moderator for anyone’s (recorded as a moderator action). A verification is never lowered',
  })
  async verify(@UuidParam('id') id: string, @Body() body: VerifyEvidenceDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(req, res, 'VerifyEvidence', body, id);
  }

  @Post('evidence/:id/withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw evidence', description: 'By its owner or a moderator, with a reason; it stays in the record and stops counting.' })
  @WRITE_HEADERS()
  @ApiProblems(idProblems('evidence'))
  @ApiOkResponse({ type: WriteResponse })
  async withdraw(@UuidParam('id') id: string, @Body() body: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(req, res, 'WithdrawEvidence', body, id);
  }

  @Post('claims/:id/stances')
  @ApiOperation({ summary: 'Record a stance on a claim', description: 'Endorse or dispute, with a confidence: a social signal shown beside the label, never moving its strength.' })
  @WRITE_HEADERS()
  @ApiProblems(idProblems('claim'))
  @ApiCreatedResponse({ type: WriteResponse, description: 'Recorded: supersedes the participant’s earlier stance on the claim' })
  async stance(@UuidParam('id') id: string, @Body() body: RecordStanceDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(req, res, 'RecordStance', body, id);
  }

  @Get('claims/:id')
  @ApiOperation({ summary: 'Get a claim', description: 'The ETag is its question’s revision: send it back as If-Match on a write.' })
  @ApiReadAccess()
  @ApiQuery({ name: 'minPosition', required: false, schema: { type: 'string', pattern: '^\\d+$' }, description: 'wait until the read models include this position (a write’s answer)' })
  @ApiOkResponse({ description: 'The claim: current text, every earlier wording, status, relations, evidence, stances', schema: responseSchema('Claim') })
  @ApiProblems({ ...MIN_POSITION_PROBLEMS, ...idProblems('claim') })
  async detail(@UuidParam('id') id: string, @Res({ passthrough: true }) res: Response, @PositionQuery('minPosition') minPosition: bigint | undefined) {
    await this.runner.readyForRead(minPosition);
    const view = this.runner.view(questionsProjection);
    const claim = view.claims.get(id);
    const question = claim && view.questions.get(claim.questionId);
    if (!claim || !question) throw new NotFoundError('claim', id);
    res.setHeader('ETag', `"${question.revision}"`);
    return presentClaim(claim, question);
  }
}
