import { questionsProjection } from '../../../projections/questions/questions.projection';
import { sourcesProjection } from '../../../projections/sources/sources.projection';
import type { ConsensusForExport, ExportInput } from '../../../projections/exports/export-input';
import { said, type GivenEvent, type Said } from '../../support/ledger-events';
import { ProjectionFold } from '../../support/projection-spec';

/**
 * A small debate drawn from the reference one (WAIS, February 2021), written event by event and
 * folded by the real projections, so the views have exactly the production shape. Five claims:
 *
 *   C1 Eipper, "infiltrated" (hypothesis)     ← supported by C2, by the CIA report (E2, examined,
 *      then transcribed)
 *   C2 Volodarsky, External Relations (answer), revised once ← GARF file (E1, examined); undercut
 *      by C4; a page of the CIA report cited for it that nobody has examined (E5, a lead)
 *   C3 Preston, budgetary device (hypothesis), rebutted by C2, retracted; his post (E4), withdrawn
 *   C4 Петрова, in Russian: fond R-9501 cannot show the appointments ← undermined by Hearne (E3);
 *      it also undercuts the GARF file (E1) itself: source criticism
 *   C5 Eipper, plausible deniability (hypothesis), competes with C3; Volodarsky disputes it
 *
 * The moderator's resolution accepts C1 and C2; the consensus (written by hand below) finds C2
 * contested, so the two disagree.
 */
export const Q = 'q-red-cross';
const editor = { id: 'editor-1', name: 'Ledger Editor' };
const eipper = { name: 'John Eipper', affiliation: 'WAIS (moderator)' };
const preston = { name: 'Paul Preston', affiliation: 'London School of Economics', location: 'UK' };
const volodarsky = { name: 'Boris Volodarsky', location: 'Austria' };
const petrova = { name: 'Анна Петрова', location: 'Москва' };

export function buildExportInput(consensus: ConsensusForExport = fixtureConsensus()): ExportInput {
  // Sources first, as the runner orders them; recorded a second apart from 1 March 2025, 10:00.
  const fold = new ProjectionFold(questionsProjection, { after: [sourcesProjection], recordedBy: editor, startAt: new Date(Date.UTC(2025, 2, 1, 10)) });
  const apply = (event: GivenEvent, by?: Said) => fold.apply(by ? said(event, by) : event);
  const owner = editor;

  apply({ type: 'SourceRegistered', data: { sourceId: 'post-preston', kind: 'forum-post', title: 'Soviet Red Cross and the Spanish Communists (Paul Preston)', authors: ['Paul Preston'], issued: '2021-02-10', identifiers: {}, details: {}, reliability: null } });
  apply({ type: 'SourceRegistered', data: { sourceId: 'post-volodarsky', kind: 'forum-post', title: 'Soviet Red Cross (Boris Volodarsky)', authors: ['Boris Volodarsky'], issued: '2021-02-12', identifiers: { url: 'https://wais.stanford.edu/?p=1234' }, details: {}, reliability: null } });
  apply({
    type: 'SourceRegistered',
    data: {
      sourceId: 'garf-r9501-op17',
      kind: 'archival',
      title: 'Документы по истории Союза обществ Красного Креста и Красного Полумесяца СССР',
      authors: ['Union of Red Cross and Red Crescent Societies of the USSR'],
      issued: null,
      identifiers: { archive: { kind: 'guide-entry', repository: 'GARF', fond: 'R-9501', inventories: 17, storageUnits: 8756, years: '1918–1992' } },
      details: {},
      reliability: 'B',
    },
  });
  apply({
    type: 'SourceRegistered',
    data: { sourceId: 'cia-report', kind: 'report', title: 'Soviet Relations with Foreign Communist Parties', authors: ['Central Intelligence Agency'], issued: '1954-06-25', identifiers: { crest: 'CIA-RDP80-00810A004300550004-0' }, details: {}, reliability: null },
  });
  apply({ type: 'SourceAppraised', data: { sourceId: 'cia-report', reliability: 'F', note: 'the evaluation key is not reproduced' } });
  apply({
    type: 'SourceRegistered',
    data: { sourceId: 'hearne-2025', kind: 'article', title: 'Between Moscow and Geneva: The Soviet Red Cross and the International Red Cross Movement', authors: ['Siobhán Hearne'], issued: '2025', identifiers: { doi: '10.1017/S1740022824000184' }, details: {}, reliability: 'B' },
  });

  const silvia = { by: { name: 'Silvia Ribelles de la Vega', location: 'USA' }, at: '2021-02-10T03:02:00-05:00' };
  apply(
    {
      type: 'QuestionOpened',
      data: {
        questionId: Q,
        title: 'What was the relationship between the Soviet Red Cross, the PCE and the NKVD?',
        body: 'In 1947 the PCE called the "N\'X Comrades" out of the USSR; their families received a *600-rouble* allowance from the [Red Cross].\n\nWhy would the Red Cross pay? # not a heading',
        tags: ['soviet-red-cross', 'nkvd'],
        parentQuestionId: null,
        proofStandard: 'preponderance',
      },
    },
    silvia,
  );
  apply({ type: 'QuestionOpened', data: { questionId: 'q-archives', title: 'Can the archives of the Soviet Red Cross in Moscow be consulted?', body: '', tags: [], parentQuestionId: Q, proofStandard: 'preponderance' } }, silvia);

  const jePost = { by: eipper, at: '2021-02-10T03:02:00-05:00' };
  const ppPost = { by: preston, at: '2021-02-10T14:19:00-05:00', in: 'post-preston' };
  const bvPost = { by: volodarsky, at: '2021-02-12T03:13:00-05:00', in: 'post-volodarsky' };
  apply({ type: 'ClaimProposed', data: { questionId: Q, claimId: 'c-infiltrated', kind: 'hypothesis', owner, text: 'The Soviet Red Cross was a fully integrated and "infiltrated" branch of the Soviet government.', passage: 'I take it for granted that the Soviet Red Cross was a fully integrated and "infiltrated" branch of the Soviet government.' } }, jePost);
  apply({ type: 'ClaimProposed', data: { questionId: Q, claimId: 'c-external', passage: null, kind: 'answer', owner, text: 'The Office of External Relations was headed by a Cheka appointee.' } }, bvPost);
  apply({ type: 'ClaimRevised', data: { questionId: Q, claimId: 'c-external', reason: 'names every successor agency', text: 'From 1923 the Office of External Relations was always headed by an officer, agent or collaborator appointed by the Cheka-OGPU-NKVD-KGB.' } }, { ...bvPost, at: '2021-02-12T09:00:00-05:00' });
  apply({ type: 'ClaimProposed', data: { questionId: Q, claimId: 'c-budgetary', passage: null, kind: 'hypothesis', owner, text: 'The allowance was a budgetary device: the NKVD paid no welfare to foreigners who were not its employees.' } }, ppPost);
  apply({ type: 'ClaimProposed', data: { questionId: Q, claimId: 'c-fond', passage: null, kind: 'background', owner, text: 'Фонд Р-9501 не содержит личных дел: назначения в Отдел внешних сношений по нему не проследить.' } }, { by: petrova, at: '2021-02-14T12:00:00+03:00' });
  apply({ type: 'ClaimProposed', data: { questionId: Q, claimId: 'c-deniability', passage: null, kind: 'hypothesis', owner, text: 'The allowance came through the Red Cross so that the NKVD could deny any link with the families.' } }, { ...jePost, at: '2021-02-15T09:00:00-05:00' });

  apply({ type: 'ClaimsRelated', data: { questionId: Q, relationId: 'r1', fromClaimId: 'c-external', toClaimId: 'c-infiltrated', relation: 'supports' } }, bvPost);
  apply({ type: 'ClaimsRelated', data: { questionId: Q, relationId: 'r2', fromClaimId: 'c-external', toClaimId: 'c-budgetary', relation: 'rebuts' } }, bvPost);
  apply({ type: 'ClaimsRelated', data: { questionId: Q, relationId: 'r3', fromClaimId: 'c-fond', toClaimId: 'c-external', relation: 'undercuts' } }, { by: petrova, at: '2021-02-14T12:00:00+03:00' });
  apply({ type: 'ClaimsRelated', data: { questionId: Q, relationId: 'r4', fromClaimId: 'c-deniability', toClaimId: 'c-budgetary', relation: 'competes' } }, { ...jePost, at: '2021-02-15T09:00:00-05:00' });

  apply({ type: 'EvidenceAttached', data: { questionId: Q, evidenceId: 'e-garf', claimId: 'c-external', sourceId: 'garf-r9501-op17', stance: 'supports', locator: 'll. 3-5', quote: 'Начальник Отдела внешних сношений', credibility: 3, verification: 'examined', owner } });
  apply({ type: 'EvidenceAttached', data: { questionId: Q, evidenceId: 'e-cia', claimId: 'c-infiltrated', sourceId: 'cia-report', stance: 'supports', locator: 'p. 2', quote: 'the "Red Cross" channel <used> for party funds & couriers', credibility: 3, verification: 'examined', owner } });
  apply({ type: 'EvidenceAttached', data: { questionId: Q, evidenceId: 'e-hearne', claimId: 'c-fond', sourceId: 'hearne-2025', stance: 'undermines', locator: 'n. 52', quote: null, credibility: 2, verification: 'examined', owner } });
  apply({ type: 'EvidenceAttached', data: { questionId: Q, evidenceId: 'e-post', claimId: 'c-budgetary', sourceId: 'post-preston', stance: 'supports', locator: null, quote: null, credibility: null, verification: 'examined', owner } });
  apply({ type: 'EvidenceWithdrawn', data: { questionId: Q, evidenceId: 'e-post', claimId: 'c-budgetary', reason: 'the post states the hypothesis; it is no evidence for it' } });
  apply({ type: 'EvidenceAttached', data: { questionId: Q, evidenceId: 'e-cia-cited', claimId: 'c-external', sourceId: 'cia-report', stance: 'supports', locator: 'p. 7', quote: null, credibility: null, verification: 'cited', owner } }, bvPost);
  apply({ type: 'EvidenceVerified', data: { questionId: Q, evidenceId: 'e-cia', claimId: 'c-infiltrated', verification: 'transcribed', note: 'quoted from the CREST scan' } }, { by: { name: 'Siobhán Hearne' }, at: '2025-02-20T10:00:00Z' });
  apply({ type: 'ClaimRelatedToEvidence', data: { questionId: Q, relationId: 'r5', fromClaimId: 'c-fond', toEvidenceId: 'e-garf', relation: 'undercuts' } }, { by: petrova, at: '2021-02-14T12:00:00+03:00' });
  apply({ type: 'StanceRecorded', data: { questionId: Q, claimId: 'c-deniability', participant: { id: 'Boris Volodarsky', name: 'Boris Volodarsky' }, stance: 'dispute', confidence: 0.8 } }, bvPost);
  apply({ type: 'StanceRecorded', data: { questionId: Q, claimId: 'c-external', participant: { id: 'Boris Volodarsky', name: 'Boris Volodarsky' }, stance: 'endorse', confidence: 0.9 } }, bvPost);
  apply({ type: 'StanceRecorded', data: { questionId: Q, claimId: 'c-external', participant: { id: 'John Eipper', name: 'John Eipper' }, stance: 'endorse', confidence: 0.7 } }, jePost);
  apply({ type: 'StanceRecorded', data: { questionId: Q, claimId: 'c-external', participant: { id: 'Paul Preston', name: 'Paul Preston' }, stance: 'dispute', confidence: 0.5 } }, ppPost);

  apply({ type: 'StanceRecorded', data: { questionId: Q, claimId: 'c-budgetary', participant: { id: 'Paul Preston', name: 'Paul Preston' }, stance: 'endorse', confidence: 0.3 } }, ppPost);
  apply({ type: 'ClaimRetracted', data: { questionId: Q, claimId: 'c-budgetary', reason: 'a feeble hypothesis, as I said' } }, { ...ppPost, at: '2021-02-16T10:00:00-05:00' });
  apply({ type: 'QuestionResolved', data: { questionId: Q, summary: 'The Soviet Red Cross served the NKVD abroad.', acceptedClaimIds: ['c-infiltrated', 'c-external'] } }, { by: eipper, at: '2021-02-16T18:00:00-05:00' });

  const questions = fold.view;
  return {
    question: questions.questions.get(Q)!,
    subQuestions: [questions.questions.get('q-archives')!],
    sources: fold.viewOf(sourcesProjection).sources,
    consensus,
  };
}

const noStances = () => ({ endorse: 0, dispute: 0, agreement: null });

/** Written by hand, in the engine's words; C2 contested where the resolution accepts it. */
export function fixtureConsensus(): ConsensusForExport {
  return {
    status: 'contested',
    proofStandard: 'preponderance',
    asOf: '2025-03-01T10:00:30.000Z',
    claims: [
      {
        id: 'c-infiltrated',
        label: 'corroborated',
        strength: 0.7125,
        grounded: true,
        status: 'in',
        reading: '“The Soviet Red Cross was a fully integrated and…” is corroborated under the preponderance of evidence: it rests on Soviet Relations with Foreign Communist Parties (p. 2), transcribed by Siobhán Hearne on 2025-02-20, and nothing stands against it.',
        stances: noStances(),
        leads: 0,
      },
      {
        id: 'c-external',
        label: 'contested',
        strength: 0.5,
        grounded: true,
        status: 'undec',
        reading: '“From 1923 the Office of External Relations was always…” is contested: “Фонд Р-9501 не содержит личных дел: назначения в Отдел…” stands against it and neither side prevails.',
        stances: { endorse: 2, dispute: 1, agreement: (0.9 + 0.7 - 0.5) / 3 },
        leads: 1,
      },
      {
        id: 'c-budgetary',
        label: 'retracted',
        strength: null,
        grounded: false,
        status: null,
        reading: '“The allowance was a budgetary device: the NKVD paid no…” was retracted by Paul Preston (“a feeble hypothesis, as I said”) and no longer counts for or against anything.',
        stances: { endorse: 1, dispute: 0, agreement: 0.3 },
        leads: 0,
      },
      {
        id: 'c-fond',
        label: 'refuted',
        strength: 0.355,
        grounded: false,
        status: 'out',
        reading: '“Фонд Р-9501 не содержит личных дел: назначения в Отдел…” is refuted: Between Moscow and Geneva (n. 52) defeats it, grounded in examined evidence.',
        stances: noStances(),
        leads: 0,
      },
      {
        id: 'c-deniability',
        label: 'open',
        strength: 0.5,
        grounded: false,
        status: 'in',
        reading: '“The allowance came through the Red Cross so that the NKVD…”: asserted by John Eipper; nobody has argued for or against it, and nothing in the record confirms it.',
        stances: { endorse: 0, dispute: 1, agreement: -0.8 },
        leads: 0,
      },
    ],
  };
}

/** Text with a character that some format reads as markup, quoting or a comment, in Latin and Cyrillic. */
export const AWKWARD_TEXT =
  'He wrote "no" \\ then #tag #quot; [ref] <arg> *bold* _it_ // not a comment /* nor this */ {a: 1} } x === e.g. :x: & `code` | ~x~ 1. — «Красный Крест»\nsecond line';

/** The awkward text as every export shows it: on one line. */
export const AWKWARD_ONE_LINE = AWKWARD_TEXT.replace(/\s+/g, ' ');

/** The fixture with the awkward text as the question's body, C4's wording and reading, and the CIA quote (E2). */
export function buildAwkwardInput(): ExportInput {
  const input = buildExportInput();
  input.question.body = AWKWARD_TEXT;
  input.consensus.claims.find((c) => c.id === 'c-fond')!.reading = AWKWARD_TEXT;
  const claim = input.question.claims.get('c-fond')!;
  claim.text = AWKWARD_TEXT;
  claim.versions[claim.versions.length - 1]!.text = AWKWARD_TEXT;
  input.question.evidence.get('e-cia')!.quote = AWKWARD_TEXT;
  return input;
}

/** The question as first opened: no claim, relation, evidence or resolution yet. */
export function buildEmptyInput(): ExportInput {
  const input = buildExportInput({ status: 'open', claims: [] });
  Object.assign(input.question, { claims: new Map(), relations: [], evidenceRelations: [], evidence: new Map(), resolution: null, status: 'open' });
  return input;
}
