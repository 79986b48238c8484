import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { QuestionSummary } from '../../api/types';
import { StatusBadge } from '../../labels/LabelBadge';
import { questionTree, type QuestionNode } from './question-tree';

interface Props {
  search: string;
  onSearch: (text: string) => void;
  onOpen: (questionId: string) => void;
}

/** Every question with its status, tags and claim counts, sub-questions nested; search by text (the API's). */
export function QuestionList({ search, onSearch, onOpen }: Props) {
  const [text, setText] = useState(search);
  const [questions, setQuestions] = useState<QuestionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setText(search), [search]);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    api.questions(search.trim() || undefined).then(
      (found) => !cancelled && setQuestions(found),
      (e: unknown) => !cancelled && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [search]);

  // The search goes to the URL (and the API) a moment after typing stops.
  useEffect(() => {
    if (text === search) return;
    const timer = setTimeout(() => onSearch(text), 250);
    return () => clearTimeout(timer);
  }, [text, search, onSearch]);

  return (
    <main className="questions" id="main">
      <h1>Questions</h1>
      <form role="search" onSubmit={(e) => (e.preventDefault(), onSearch(text))}>
        <label htmlFor="question-search">Search questions</label>{' '}
        <input id="question-search" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. Soviet Red Cross" />
      </form>
      {error && <p role="alert">Could not load the questions: {error}</p>}
      {questions === null && !error && <p aria-live="polite">Loading…</p>}
      {questions && questions.length === 0 && <p aria-live="polite">No question matches “{search}”.</p>}
      {questions && questions.length > 0 && (
        <ul className="question-tree" aria-label={search ? `Questions matching ${search}` : 'All questions'}>
          {questionTree(questions).map((node) => (
            <QuestionItem key={node.question.id} node={node} onOpen={onOpen} />
          ))}
        </ul>
      )}
    </main>
  );
}

function QuestionItem({ node, onOpen }: { node: QuestionNode; onOpen: (id: string) => void }) {
  const { question } = node;
  return (
    <li data-question-id={question.id}>
      <article className="question-card">
        <h2>
          <a
            href={`/questions/${question.id}`}
            onClick={(e) => {
              if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
              e.preventDefault();
              onOpen(question.id);
            }}
          >
            {question.title}
          </a>
        </h2>
        <p className="meta">
          <StatusBadge status={question.status} /> {question.liveClaimCount} live claim{question.liveClaimCount === 1 ? '' : 's'} · proof standard{' '}
          {question.proofStandard}
        </p>
        {question.tags.length > 0 && (
          <ul className="tags" aria-label="Tags">
            {question.tags.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        )}
      </article>
      {node.children.length > 0 && (
        <ul aria-label={`Sub-questions of ${question.title}`}>
          {node.children.map((child) => (
            <QuestionItem key={child.question.id} node={child} onOpen={onOpen} />
          ))}
        </ul>
      )}
    </li>
  );
}
