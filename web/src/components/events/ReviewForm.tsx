// The Secretariat's review of one person: approve, ask for changes or refuse — the last two with the reason
// the State reads. Only the decisions the person's status allows are offered (the domain's rule); the server
// still decides, and its message goes to the reason or to the form.
import {
  reviewDelegate,
  type DelegateStatus,
  type ReviewDecision,
  type ReviewResult,
} from '../../api-delegations.ts';
import { useFormat } from '../../useFormat.ts';
import { ErrorSummary, TextAreaField } from '../forms.tsx';
import { optional, useForm } from '../useForm.tsx';
import { decisionsFor } from './registration-model.ts';

interface Values {
  decision: ReviewDecision | '';
  reason: string;
}

export function ReviewForm({
  eventId,
  person,
  onReviewed,
}: {
  eventId: number;
  person: { id: number; status: DelegateStatus; name: string };
  onReviewed: (result: ReviewResult, decision: ReviewDecision) => void;
}) {
  const { t } = useFormat();
  const decisions = decisionsFor(person.status);
  const form = useForm<Values, ReviewResult>({
    initial: { decision: '', reason: '' },
    fields: () => ['reason', 'decision'],
    check: (v) => ({
      reason:
        v.decision && v.decision !== 'approve' && !v.reason.trim()
          ? { text: t('delegations.review.required') }
          : undefined,
    }),
    send: (v, key) =>
      reviewDelegate(
        eventId,
        person.id,
        { decision: v.decision as ReviewDecision, reason: optional(v.reason) },
        key,
      ),
    done: (result, v) => {
      form.reset();
      onReviewed(result, v.decision as ReviewDecision);
    },
  });
  if (decisions.length === 0) return null;
  return (
    <form
      noValidate
      className="review-form"
      aria-label={t('delegations.review.heading', { name: person.name })}
      data-testid="review-form"
      onSubmit={(e) => e.preventDefault()}
    >
      <ErrorSummary errors={form.errors} fieldId={form.fieldId} order={form.order} attempt={form.attempt} />
      <TextAreaField
        label={t('delegations.review.reason')}
        hint={t('delegations.review.reasonHint')}
        rows={2}
        {...form.bind('reason')}
      />
      <div className="form-actions">
        {decisions.map((decision) => (
          <button
            key={decision}
            type="button"
            className={decision === 'approve' ? undefined : 'secondary'}
            aria-disabled={form.busy || undefined}
            data-decision={decision}
            onClick={() => void form.submit(undefined, { decision })}
          >
            {t(`delegations.review.${decision}`)}
          </button>
        ))}
      </div>
    </form>
  );
}
