import type { QuestionSummary } from '../../api/types';

export interface QuestionNode {
  question: QuestionSummary;
  children: QuestionNode[];
}

/**
 * The questions as a forest: each sub-question under its parent, in the order the API lists them
 * (oldest first). A question whose parent is not in the list (a search matched the child alone)
 * stands at the top level, so nothing found is hidden.
 */
export function questionTree(questions: readonly QuestionSummary[]): QuestionNode[] {
  const nodes = new Map(questions.map((q) => [q.id, { question: q, children: [] as QuestionNode[] }]));
  const roots: QuestionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.question.parentQuestionId ? nodes.get(node.question.parentQuestionId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
