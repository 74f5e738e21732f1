// Moving an event along its life cycle (the Secretariat): only the statuses the server offers next
// (`nextStatuses`), a reason required to postpone or cancel, and the revision the page shows, so a change
// made meanwhile by someone else is refused (409) and the page offers to reload.
import { useState } from 'react';
import { changeStatus, NEEDS_REASON, type EventStatus, type EventView } from '../../api-events.ts';
import { useFormat } from '../../useFormat.ts';
import { SelectField, TextAreaField } from '../forms.tsx';
import { FormShell, optional, useForm } from '../useForm.tsx';
import { isStale, StaleNotice } from './common.tsx';

export function StatusForm({ event, onChanged }: { event: EventView; onChanged: () => void }) {
  const { t } = useFormat();
  const [stale, setStale] = useState(false);
  const form = useForm({
    initial: { status: '', reason: '' },
    fields: () => ['status', 'reason'],
    check: (v) => ({
      status: v.status ? undefined : { text: t('events.statusForm.required.status') },
      reason:
        NEEDS_REASON.includes(v.status as EventStatus) && !v.reason.trim()
          ? {
              text: t('events.statusForm.required.reason', {
                status: t(`events.status.${v.status as 'postponed'}`),
              }),
            }
          : undefined,
    }),
    send: (v, key) =>
      changeStatus(
        event.id,
        { status: v.status as EventStatus, reason: optional(v.reason), revision: event.revision },
        key,
      ),
    known: ({ field, status }) =>
      status === 409 && field === 'revision'
        ? t('events.stale.heading')
        : status === 403
          ? t('form.forbidden')
          : undefined,
    failed: (error) => setStale(isStale(error)),
    done: () => {
      form.reset();
      onChanged();
    },
  });
  const needsReason = NEEDS_REASON.includes(form.values.status as EventStatus);
  return (
    <section className="card form-card" aria-labelledby="status-form-h">
      <h2 id="status-form-h">{t('events.statusForm.heading')}</h2>
      {stale && (
        <StaleNotice
          onReload={() => {
            setStale(false);
            form.reset();
            onChanged();
          }}
        />
      )}
      <FormShell
        form={form}
        submit={t('events.statusForm.submit')}
        working={t('events.working')}
        testId="status-form"
      >
        <SelectField label={t('events.statusForm.status')} {...form.bind('status')}>
          <option value="">{t('record.choose')}</option>
          {event.nextStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`events.status.${s}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label={needsReason ? t('events.statusForm.reasonRequired') : t('events.statusForm.reason')}
          rows={2}
          {...form.bind('reason')}
        />
      </FormShell>
    </section>
  );
}
