// Administration of users (policy action users.manage): the list, invitations, changes of name, role,
// States or donors, and disabling or enabling an account. The server checks every change again.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  ApiError,
  changeUser,
  inviteUser,
  listUsers,
  ROLES,
  unlockUser,
  type AdminUser,
  type NewUser,
  type Role,
  type User,
  type UserChanges,
} from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useResource } from '../useResource.ts';
import { useTitle } from '../useTitle.ts';
import { Empty } from './Empty.tsx';
import {
  definedFields,
  emailError,
  ErrorSummary,
  errorsFromProblem,
  hasErrors,
  NO_ERRORS,
  SelectField,
  TextField,
  type FormErrors,
  type Message,
} from './forms.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { RequireSignIn } from './RequireSignIn.tsx';

export function AdminUsersPage() {
  const { t } = useTranslation();
  useTitle(t('admin.title'));
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <RequireSignIn permission="users.manage">
        <UsersAdmin />
      </RequireSignIn>
    </>
  );
}

/** "ARM, bel;FRA" → ["ARM", "BEL", "FRA"]. */
function parseList(text: string, upper: boolean): string[] {
  const items = text
    .split(/[\s,;]+/)
    .map((s) => (upper ? s.trim().toUpperCase() : s.trim()))
    .filter(Boolean);
  return [...new Set(items)];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** The States and donors fields, checked as the server will check them (format and presence). */
function scopeErrors(
  role: Role,
  states: string,
  donors: string,
  t: TFunction,
): Record<string, Message | undefined> {
  const stateList = parseList(states, true);
  return {
    states:
      role !== 'focal_point'
        ? undefined
        : stateList.length === 0
          ? { text: t('admin.statesRequired') }
          : stateList.some((s) => !/^[A-Z]{3}$/.test(s))
            ? { text: t('admin.statesFormat') }
            : undefined,
    donors:
      role === 'donor' && parseList(donors, false).length === 0
        ? { text: t('admin.donorsRequired') }
        : undefined,
  };
}

function RoleOptions() {
  const { t } = useTranslation();
  return (
    <>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`roles.${role}`)}
        </option>
      ))}
    </>
  );
}

function UsersAdmin() {
  const { t } = useTranslation();
  const auth = useAuth();
  const users = useResource(listUsers, []);
  const [announcement, setAnnouncement] = useState('');
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [editing, setEditing] = useState<User | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const selfId = auth.user?.id;

  const sorted = [...(users.data ?? [])].sort((a, b) =>
    a.displayName.localeCompare(b.displayName, undefined, { sensitivity: 'base' }),
  );

  /** A refusal for want of a session: ask the server who we are (the page then goes to sign-in). */
  const onFailure = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) void auth.refresh();
  };

  const focusChangeButton = (id: string) => document.getElementById(`change-${id}`)?.focus();

  /** One action on one user at a time; its outcome is announced and the list reloaded. */
  async function act(user: User, run: () => Promise<string>) {
    if (busyId) return;
    setBusyId(user.id);
    setActionError(undefined);
    setAnnouncement('');
    try {
      setAnnouncement(await run());
      users.reload();
    } catch (error) {
      onFailure(error);
      setActionError(error);
    } finally {
      setBusyId(null);
    }
  }

  const toggle = (user: User) =>
    act(user, async () => {
      const status = user.status === 'disabled' ? 'active' : 'disabled';
      const updated = await changeUser(user.id, { status });
      return t(status === 'disabled' ? 'admin.disabled' : 'admin.enabled', { name: updated.displayName });
    });
  const unlock = (user: User) =>
    act(user, async () => {
      const updated = await unlockUser(user.id);
      return t('admin.unlocked', { name: updated.displayName });
    });

  return (
    <>
      <p className="announcement" role="status" data-testid="admin-announcement">
        {announcement}
      </p>
      {actionError !== undefined && <ProblemAlert error={actionError} />}
      <section className="users-section" aria-labelledby="users-heading">
        <h2 id="users-heading">{t('admin.listHeading')}</h2>
        {users.error !== undefined && <ProblemAlert error={users.error} onRetry={users.reload} />}
        {users.loading && !users.data && (
          <p className="loading" role="status">
            {t('common.loading')}
          </p>
        )}
        {users.data && (
          <>
            <p className="summary">{t('admin.count', { count: users.data.length })}</p>
            <div className="table-scroll">
              <table className="users" data-testid="users-table">
                <caption className="visually-hidden">{t('admin.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.columns.name')}</th>
                    <th scope="col">{t('admin.columns.email')}</th>
                    <th scope="col">{t('admin.columns.role')}</th>
                    <th scope="col">{t('admin.columns.scope')}</th>
                    <th scope="col">{t('admin.columns.status')}</th>
                    <th scope="col">{t('admin.columns.mfa')}</th>
                    <th scope="col">{t('admin.columns.signIn')}</th>
                    <th scope="col">{t('admin.columns.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((user) => {
                    const self = user.id === selfId;
                    const scope = [...user.states, ...user.donors];
                    return (
                      <tr key={user.id} data-email={user.email}>
                        <th scope="row">
                          {user.displayName}
                          {self && <span className="you"> {t('admin.you')}</span>}
                        </th>
                        <td>{user.email}</td>
                        <td data-testid="role">{t(`roles.${user.role}`)}</td>
                        <td>{scope.length > 0 ? scope.join(', ') : <Empty />}</td>
                        <td data-testid="status">
                          <span className={`user-status user-status-${user.status}`}>
                            {t(`userStatus.${user.status}`)}
                          </span>
                        </td>
                        <td>{user.mfaEnabled ? t('account.mfaOn') : t('account.mfaOff')}</td>
                        <td data-testid="sign-in">
                          <SignInState user={user} />
                        </td>
                        <td className="actions">
                          <button
                            type="button"
                            className="secondary small"
                            id={`change-${user.id}`}
                            aria-label={t('admin.changeLabel', { name: user.displayName })}
                            aria-expanded={editing?.id === user.id}
                            aria-controls={editing?.id === user.id ? 'edit-user' : undefined}
                            onClick={() => {
                              setAnnouncement('');
                              setEditing(user);
                            }}
                          >
                            {t('admin.change')}
                          </button>
                          {!self && (
                            <button
                              type="button"
                              className="secondary small"
                              aria-label={t(
                                user.status === 'disabled' ? 'admin.enableLabel' : 'admin.disableLabel',
                                { name: user.displayName },
                              )}
                              aria-disabled={busyId === user.id ? true : undefined}
                              onClick={() => void toggle(user)}
                            >
                              {user.status === 'disabled' ? t('admin.enable') : t('admin.disable')}
                            </button>
                          )}
                          {user.signIn.failures > 0 && (
                            <button
                              type="button"
                              className="secondary small"
                              aria-label={t('admin.unlockLabel', { name: user.displayName })}
                              aria-disabled={busyId === user.id ? true : undefined}
                              onClick={() => void unlock(user)}
                            >
                              {t('admin.unlock')}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      {editing && (
        <EditUser
          key={editing.id}
          user={editing}
          self={editing.id === selfId}
          onFailure={onFailure}
          onClose={(updated) => {
            const id = editing.id;
            flushSync(() => {
              setEditing(null);
              if (updated) setAnnouncement(t('admin.saved', { name: updated.displayName }));
            });
            if (updated) users.reload();
            focusChangeButton(id);
          }}
        />
      )}
      <InviteUser
        onFailure={onFailure}
        onInvited={() => {
          users.reload();
        }}
      />
    </>
  );
}

/** Recent failed sign-ins, and the lock they caused if it still runs (the server's clock decides). */
function SignInState({ user }: { user: AdminUser }) {
  const { t, i18n } = useTranslation();
  const { failures, lockedUntil } = user.signIn;
  if (failures === 0) return <Empty />;
  const until = lockedUntil
    ? new Date(lockedUntil).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })
    : null;
  return (
    <span className={until ? 'user-status user-status-disabled' : undefined}>
      {until
        ? t('admin.lockedUntil', { time: until, count: failures })
        : t('admin.failures', { count: failures })}
    </span>
  );
}

const EDIT_FIELDS = ['displayName', 'role', 'states', 'donors'] as const;

interface EditProps {
  user: User;
  self: boolean;
  onFailure: (error: unknown) => void;
  /** Called with the changed user after a save, or null on cancel. */
  onClose: (updated: User | null) => void;
}

function EditUser({ user, self, onFailure, onClose }: EditProps) {
  const { t } = useTranslation();
  const id = useId();
  const fieldId = (f: string) => `${id}-${f}`;
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [states, setStates] = useState(user.states.join(', '));
  const [donors, setDonors] = useState(user.donors.join(', '));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const fail = (next: FormErrors) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const local: FormErrors = {
      fields: definedFields({
        displayName: displayName.trim() ? undefined : { text: t('admin.nameRequired') },
        ...scopeErrors(role, states, donors, t),
      }),
      form: [],
    };
    if (hasErrors(local)) return fail(local);
    const changes: UserChanges = {};
    if (displayName.trim() !== user.displayName) changes.displayName = displayName.trim();
    if (!self && role !== user.role) changes.role = role;
    const nextStates = role === 'focal_point' ? parseList(states, true) : [];
    if (!sameList(nextStates, user.states)) changes.states = nextStates;
    const nextDonors = role === 'donor' ? parseList(donors, false) : [];
    if (!sameList(nextDonors, user.donors)) changes.donors = nextDonors;
    if (Object.keys(changes).length === 0)
      return fail({ fields: {}, form: [{ text: t('admin.nothingChanged') }] });
    setBusy(true);
    try {
      const updated = await changeUser(user.id, changes);
      onClose(updated);
    } catch (error) {
      onFailure(error);
      fail(errorsFromProblem(error, t, EDIT_FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section id="edit-user" className="card form-card" aria-labelledby={fieldId('heading')}>
      <h2 id={fieldId('heading')} ref={heading} tabIndex={-1}>
        {t('admin.editHeading', { name: user.displayName })}
      </h2>
      <p className="hint">{self ? t('admin.selfNote') : t('admin.editLead')}</p>
      <form noValidate onSubmit={(e) => void submit(e)} data-testid="edit-user-form">
        <ErrorSummary errors={errors} fieldId={fieldId} order={EDIT_FIELDS} attempt={attempt} />
        <TextField
          id={fieldId('displayName')}
          name="displayName"
          label={t('admin.displayName')}
          autoComplete="off"
          error={errors.fields.displayName}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        {!self && (
          <SelectField
            id={fieldId('role')}
            name="role"
            label={t('admin.role')}
            error={errors.fields.role}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            <RoleOptions />
          </SelectField>
        )}
        {role === 'focal_point' && (
          <TextField
            id={fieldId('states')}
            name="states"
            label={t('admin.states')}
            hint={t('admin.statesHint')}
            autoComplete="off"
            spellCheck={false}
            error={errors.fields.states}
            value={states}
            onChange={(e) => setStates(e.target.value)}
          />
        )}
        {role === 'donor' && (
          <TextField
            id={fieldId('donors')}
            name="donors"
            label={t('admin.donors')}
            hint={t('admin.donorsHint')}
            autoComplete="off"
            error={errors.fields.donors}
            value={donors}
            onChange={(e) => setDonors(e.target.value)}
          />
        )}
        <div className="form-actions">
          <button type="submit">{busy ? t('admin.saving') : t('admin.save')}</button>
          <button type="button" className="secondary" onClick={() => onClose(null)}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

const INVITE_FIELDS = ['email', 'displayName', 'role', 'states', 'donors'] as const;

function InviteUser({
  onFailure,
  onInvited,
}: {
  onFailure: (e: unknown) => void;
  onInvited: (u: User) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const fieldId = (f: string) => `${id}-${f}`;
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('focal_point');
  const [states, setStates] = useState('');
  const [donors, setDonors] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [invited, setInvited] = useState<{ email: string; n: number } | null>(null);
  const invitedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (invited) invitedRef.current?.focus();
  }, [invited]);

  const fail = (next: FormErrors) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const local: FormErrors = {
      fields: definedFields({
        email: emailError(email, t),
        displayName: displayName.trim() ? undefined : { text: t('admin.nameRequired') },
        ...scopeErrors(role, states, donors, t),
      }),
      form: [],
    };
    if (hasErrors(local)) return fail(local);
    const input: NewUser = { email: email.trim(), displayName: displayName.trim(), role };
    if (role === 'focal_point') input.states = parseList(states, true);
    if (role === 'donor') input.donors = parseList(donors, false);
    setBusy(true);
    setInvited(null);
    try {
      const user = await inviteUser(input);
      setErrors(NO_ERRORS);
      setEmail('');
      setDisplayName('');
      setStates('');
      setDonors('');
      setInvited((previous) => ({ email: user.email, n: (previous?.n ?? 0) + 1 }));
      onInvited(user);
    } catch (error) {
      onFailure(error);
      fail(
        errorsFromProblem(error, t, INVITE_FIELDS, ({ field, status }) =>
          field === 'email' && status === 409 ? t('admin.emailTaken') : undefined,
        ),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card form-card" aria-labelledby={fieldId('heading')}>
      <h2 id={fieldId('heading')}>{t('admin.inviteHeading')}</h2>
      <p className="hint">{t('admin.inviteLead')}</p>
      {invited && (
        <p
          className="notice notice-success"
          role="status"
          tabIndex={-1}
          ref={invitedRef}
          data-testid="invited"
        >
          {t('admin.invited', { email: invited.email })}
        </p>
      )}
      <form noValidate onSubmit={(e) => void submit(e)} data-testid="invite-form">
        <ErrorSummary errors={errors} fieldId={fieldId} order={INVITE_FIELDS} attempt={attempt} />
        <TextField
          id={fieldId('email')}
          name="email"
          type="email"
          label={t('signIn.email')}
          autoComplete="off"
          spellCheck={false}
          error={errors.fields.email}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          id={fieldId('displayName')}
          name="displayName"
          label={t('admin.displayName')}
          autoComplete="off"
          error={errors.fields.displayName}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <SelectField
          id={fieldId('role')}
          name="role"
          label={t('admin.role')}
          error={errors.fields.role}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
        >
          <RoleOptions />
        </SelectField>
        {role === 'focal_point' && (
          <TextField
            id={fieldId('states')}
            name="states"
            label={t('admin.states')}
            hint={t('admin.statesHint')}
            autoComplete="off"
            spellCheck={false}
            error={errors.fields.states}
            value={states}
            onChange={(e) => setStates(e.target.value)}
          />
        )}
        {role === 'donor' && (
          <TextField
            id={fieldId('donors')}
            name="donors"
            label={t('admin.donors')}
            hint={t('admin.donorsHint')}
            autoComplete="off"
            error={errors.fields.donors}
            value={donors}
            onChange={(e) => setDonors(e.target.value)}
          />
        )}
        <div className="form-actions">
          <button type="submit">{busy ? t('admin.inviting') : t('admin.invite')}</button>
        </div>
      </form>
    </section>
  );
}
