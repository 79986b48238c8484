import { useSources } from '../reading/use-sources';
import { ApiForm } from './ApiForm';
import { openQuestionForm } from './forms';

/** Opening a question, from the header: shown below it, not modal. */
export function OpenQuestionPanel({ onDone, onCancel }: { onDone: (message: string, id: string | undefined) => void; onCancel: () => void }) {
  const { sources } = useSources();
  return (
    <section id="open-question-panel" className="header-panel" aria-label="Open a question">
      <ApiForm form={openQuestionForm({ sources: [...sources.values()] })} onDone={(message, written) => onDone(message, written.id)} onCancel={onCancel} />
    </section>
  );
}
