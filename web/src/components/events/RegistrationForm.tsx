// The registration form of one State's delegation: its people and the note verbale (a PDF read in the
// browser and sent base64 in the one JSON request the API takes). The form checks what it can alone — names
// given, one head, a file chosen and within the usual limit — and the server decides the rest (that the file
// is a PDF by its content, its own limit, the same person twice), each message at its field. Sent again with
// changes, it updates the registration; the note verbale is then optional (the one on file stays).
import { useRef } from 'react';
import {
  DEFAULT_PDF_MAX_BYTES,
  registerDelegation,
  type Delegation,
  type DelegationResult,
} from '../../api-delegations.ts';
import { useFormat } from '../../useFormat.ts';
import { EMAIL_SHAPE, TextField, type Message } from '../forms.tsx';
import { FormShell, useForm } from '../useForm.tsx';
import { useFileSize } from './delegations-common.tsx';
import { PeopleField } from './PeopleField.tsx';
import {
  base64Of,
  delegatesOf,
  personPaths,
  rowsOf,
  secondHead,
  type PersonRow,
} from './registration-model.ts';

interface NoteChoice {
  filename: string;
  size: number;
  lastModified: number;
}

interface Values {
  delegates: PersonRow[];
  note: NoteChoice | null;
}

export function RegistrationForm({
  eventId,
  state,
  delegation,
  onDone,
}: {
  eventId: number;
  state: string;
  delegation: Delegation | undefined;
  onDone: (result: DelegationResult) => void;
}) {
  const { t } = useFormat();
  const size = useFileSize();
  // The chosen file itself: read when the form is sent, so a quick submit never misses it.
  const file = useRef<File | null>(null);
  const form = useForm<Values, DelegationResult>({
    initial: () => ({ delegates: rowsOf(delegation), note: null }),
    fields: (v) => [...personPaths(v.delegates), 'delegates', 'noteVerbale'],
    check: (v) => ({ ...checkPeople(v.delegates, t), noteVerbale: checkNote(v.note, delegation, t, size) }),
    send: async (v, key) => {
      const chosen = file.current;
      const noteVerbale =
        v.note && chosen
          ? { filename: v.note.filename, contentBase64: base64Of(new Uint8Array(await chosen.arrayBuffer())) }
          : null;
      return registerDelegation(eventId, { state, delegates: delegatesOf(v.delegates), noteVerbale }, key);
    },
    done: (result) => onDone(result),
  });
  const noteId = form.fieldId('noteVerbale');
  const hintKey = delegation ? 'delegations.register.noteKeepHint' : 'delegations.register.noteHint';
  return (
    <section className="card form-card" aria-labelledby="registration-form-h">
      <h2 id="registration-form-h">
        {t(delegation ? 'delegations.register.changeHeading' : 'delegations.register.newHeading')}
      </h2>
      <FormShell
        form={form}
        submit={t(delegation ? 'delegations.register.resubmit' : 'delegations.register.submit')}
        working={t('delegations.working')}
        testId="registration-form"
      >
        <PeopleField
          rows={form.values.delegates}
          onChange={(rows) => form.setValues((old) => ({ ...old, delegates: rows }))}
          fieldId={form.fieldId}
          errors={form.errors}
        />
        <TextField
          id={noteId}
          type="file"
          accept="application/pdf,.pdf"
          label={t('delegations.note.label')}
          hint={t(hintKey, { size: size(DEFAULT_PDF_MAX_BYTES) })}
          error={form.errors.fields.noteVerbale}
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            file.current = chosen;
            form.setValues((old) => ({
              ...old,
              note: chosen
                ? { filename: chosen.name, size: chosen.size, lastModified: chosen.lastModified }
                : null,
            }));
          }}
        />
      </FormShell>
    </section>
  );
}

type T = ReturnType<typeof useFormat>['t'];

function checkPeople(rows: readonly PersonRow[], t: T): Record<string, Message | undefined> {
  const out: Record<string, Message | undefined> = {};
  if (rows.length === 0) out.delegates = { text: t('delegations.register.required.people') };
  rows.forEach((r, i) => {
    const n = i + 1;
    if (!r.givenName.trim())
      out[`delegates.${i}.givenName`] = { text: t('delegations.register.required.givenName', { n }) };
    if (!r.familyName.trim())
      out[`delegates.${i}.familyName`] = { text: t('delegations.register.required.familyName', { n }) };
    if (r.email.trim() && !EMAIL_SHAPE.test(r.email.trim()))
      out[`delegates.${i}.email`] = { text: t('form.emailInvalid') };
  });
  const twice = secondHead(rows);
  if (twice >= 0) out[`delegates.${twice}.position`] = { text: t('delegations.register.required.oneHead') };
  return out;
}

/**
 * The note verbale: needed with the first registration; within the usual limit (the server's own limit may
 * differ, and it says so at the same field).
 */
function checkNote(
  note: NoteChoice | null,
  delegation: Delegation | undefined,
  t: T,
  size: (bytes: number) => string,
): Message | undefined {
  if (!note) return delegation ? undefined : { text: t('delegations.register.required.note') };
  if (note.size === 0) return { text: t('delegations.register.required.empty') };
  if (note.size > DEFAULT_PDF_MAX_BYTES)
    return {
      text: t('delegations.register.required.tooLarge', {
        size: size(note.size),
        max: size(DEFAULT_PDF_MAX_BYTES),
      }),
    };
  return undefined;
}
