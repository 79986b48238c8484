import { api } from '../api/client';
import type { Consensus, QuestionDetail } from '../api/types';
import { parseLocation } from './url-state';

let primed: { questionId: string; answers: Promise<[QuestionDetail, Consensus]> } | null = null;

/**
 * The question the page's URL names, and its consensus, asked for as soon as the page's code runs
 * (main.tsx imports this module first), both at once: the map is drawn from these two, and the
 * answers arrive while React and the map's code are still starting. The first read of that question
 * (use-question-data.ts) takes these answers instead of asking again.
 */
export function primeFromLocation(pathname: string, search: string): void {
  const state = parseLocation(pathname, search);
  if (state.page !== 'question') return;
  const answers = Promise.all([api.question(state.questionId), api.consensus(state.questionId)]);
  // A failed answer is reported by the read that takes it; until then it is not an unhandled rejection.
  answers.catch(() => undefined);
  primed = { questionId: state.questionId, answers };
}

/** The answers primed for this question, once (a later read asks the API again). */
export function takePrimed(questionId: string): Promise<[QuestionDetail, Consensus]> | null {
  if (primed?.questionId !== questionId) return null;
  const { answers } = primed;
  primed = null;
  return answers;
}

if (typeof location !== 'undefined') primeFromLocation(location.pathname, location.search);
