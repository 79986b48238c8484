import { questionStream, sourceStream } from '../../../../contract/event-catalogue';
import { questionDecider } from '../../question/question.decider';
import { sourceDecider } from '../../source/source.decider';

/** Where a command goes: the aggregate's decider and stream. */
export const questionTarget = (questionId: string) => ({ decider: questionDecider, stream: questionStream(questionId) });
export const sourceTarget = (sourceId: string) => ({ decider: sourceDecider, stream: sourceStream(sourceId) });
