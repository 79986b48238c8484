import { lazy, Suspense } from 'react';
import type { QuestionTabProps, WebFeature } from '../../app/features';
import { SignIn } from './SignIn';

// The forms are loaded when the tab is first opened, not with the page: most readers never write.
const ContributeTab = lazy(() => import('./ContributeTab').then((m) => ({ default: m.ContributeTab })));

function LazyContributeTab(props: QuestionTabProps) {
  return (
    <Suspense fallback={<p aria-live="polite">Loading the forms…</p>}>
      <ContributeTab {...props} />
    </Suspense>
  );
}

/** Contributing: the sign-in in the header, and the question's forms in a tab after the others. */
const feature: WebFeature = {
  id: 'contribute',
  tab: { label: 'Contribute', order: 50, Component: LazyContributeTab },
  HeaderControl: SignIn,
};
export default feature;
