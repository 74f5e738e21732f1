// An event's places (the Secretariat): overall and per category, empty for no limit, each with how many are
// approved and waiting now. A larger number moves the waiting list up; a smaller one applies to later
// registrations only (the server's rule, said in the hint).
import {
  DELEGATE_CATEGORIES,
  setCapacity,
  type Attendance,
  type Capacity,
  type DelegateCategory,
} from '../../api-delegations.ts';
import { useFormat } from '../../useFormat.ts';
import { TextField } from '../forms.tsx';
import { FormShell, useForm } from '../useForm.tsx';

type Values = Record<'overall' | DelegateCategory, string>;

const placesOf = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
const parsed = (text: string): number | null => (text.trim() === '' ? null : Number(text.trim()));

export function CapacityForm({
  eventId,
  attendance,
  onSaved,
}: {
  eventId: number;
  attendance: Attendance;
  onSaved: (movedUp: number[]) => void;
}) {
  const { t, number } = useFormat();
  const c = attendance.capacity;
  const form = useForm<Values, { movedUp: number[] }>({
    initial: () => ({
      overall: placesOf(c.overall),
      ...(Object.fromEntries(DELEGATE_CATEGORIES.map((k) => [k, placesOf(c.categories[k])])) as Record<
        DelegateCategory,
        string
      >),
    }),
    fields: () => ['overall', ...DELEGATE_CATEGORIES],
    check: (v) =>
      Object.fromEntries(
        Object.entries(v).map(([k, text]) => [
          k,
          text.trim() && !/^\d{1,6}$/.test(text.trim())
            ? { text: t('delegations.capacity.invalid') }
            : undefined,
        ]),
      ),
    send: (v, key) => {
      const input: Capacity = {
        overall: parsed(v.overall),
        categories: Object.fromEntries(
          DELEGATE_CATEGORIES.map((k) => [k, parsed(v[k])]),
        ) as Capacity['categories'],
      };
      return setCapacity(eventId, input, key);
    },
    rename: (path) => path.replace(/^categories\./, ''),
    done: (r) => onSaved(r.movedUp),
  });
  const held = (k: DelegateCategory) =>
    t('delegations.capacity.held', {
      approved: number(attendance.approved[k]),
      waiting: number(attendance.waitlisted[k]),
    });
  return (
    <section className="card form-card" aria-labelledby="capacity-h">
      <h3 id="capacity-h">{t('delegations.capacity.heading')}</h3>
      <p className="hint">{t('delegations.capacity.lead')}</p>
      <FormShell
        form={form}
        submit={t('delegations.capacity.submit')}
        working={t('delegations.working')}
        testId="capacity-form"
      >
        <div className="field-pair capacity-fields">
          <TextField
            inputMode="numeric"
            label={t('delegations.capacity.overall')}
            {...form.bind('overall')}
          />
          {DELEGATE_CATEGORIES.map((k) => (
            <TextField
              key={k}
              inputMode="numeric"
              label={t(`delegations.category.${k}`)}
              hint={held(k)}
              {...form.bind(k)}
            />
          ))}
        </div>
      </FormShell>
    </section>
  );
}
