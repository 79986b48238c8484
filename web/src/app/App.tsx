import { useCallback } from 'react';
import { QuestionList } from '../features/questions/QuestionList';
import { FEATURES, type QuestionState } from './features';
import { QuestionPage } from './QuestionPage';
import { questionPage } from './url-state';
import { usePageState } from './use-page-state';

const HEADER_CONTROLS = FEATURES.flatMap((f) => (f.HeaderControl ? [{ id: f.id, Control: f.HeaderControl }] : []));

/** The shell: a header (home, API docs, the features' controls such as sign-in) and the page the URL names. */
export function App() {
  const { state, navigate, replace } = usePageState();
  const onSearch = useCallback((search: string) => replace({ page: 'questions', search }), [replace]);
  const update = useCallback(
    (patch: Partial<QuestionState>, how: 'push' | 'replace' = 'push') => {
      if (state.page !== 'question') return;
      (how === 'push' ? navigate : replace)({ ...state, ...patch });
    },
    [state, navigate, replace],
  );

  return (
    <>
      <a className="skip-link" href="#main">Skip to the content</a>
      <header className="site-header">
        <a
          href="/"
          className="home"
          onClick={(e) => {
            e.preventDefault();
            navigate({ page: 'questions', search: '' });
          }}
        >
          claims-ledger
        </a>
        <nav aria-label="Site">
          <a href="/docs">API documentation</a>
        </nav>
        <div className="header-controls">
          {HEADER_CONTROLS.map(({ id, Control }) => (
            <Control key={id} />
          ))}
        </div>
      </header>
      {state.page === 'questions' && <QuestionList search={state.search} onSearch={onSearch} onOpen={(id) => navigate(questionPage(id))} />}
      {state.page === 'question' && <QuestionPage key={state.questionId} state={state} update={update} onBack={() => navigate({ page: 'questions', search: '' })} />}
      {state.page === 'not-found' && (
        <main id="main">
          <h1>Not found</h1>
          <p>
            Nothing is at {state.path}. <a href="/">All questions</a>
          </p>
        </main>
      )}
    </>
  );
}
