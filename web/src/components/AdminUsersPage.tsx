// Administration of users (policy action users.manage): the list, invitations, changes of name, role,
// States or donors, and disabling or enabling an account. The server checks every change again.
import { useEffect, useRef, useState } from 'react';
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
import { emailError, ErrorSummary, SelectField, TextField, type Message } from './forms.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { RequireSignIn } from './RequireSignIn.tsx';
import { useForm, type Bound } from './useForm.tsx';

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

/** What the edit and invitation forms share: name, role and, by role, the States or the donors. */
interface UserValues {
  displayName: string;
  role: Role;
  states: string;
  donors: string;
}

function userErrors(v: UserValues, t: TFunction): Record<string, Message | undefined> {
  return {
    displayName: v.displayName.trim() ? undefined : { text: t('admin.nameRequired') },
    ...scopeErrors(v.role, v.states, v.donors, t),
  };
}

function UserFields({
  bind,
  role,
  roleChoice,
}: {
  bind: (field: keyof UserValues) => Bound;
  role: Role;
  /** Whether the role may be changed (not one's own). */
  roleChoice: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        {...bind('displayName')}
        name="displayName"
        label={t('admin.displayName')}
        autoComplete="off"
      />
      {roleChoice && (
        <SelectField {...bind('role')} name="role" label={t('admin.role')}>
          <RoleOptions />
        </SelectField>
      )}
      {role === 'focal_point' && (
        <TextField
          {...bind('states')}
          name="states"
          label={t('admin.states')}
          hint={t('admin.statesHint')}
          autoComplete="off"
          spellCheck={false}
        />
      )}
      {role === 'donor' && (
        <TextField
          {...bind('donors')}
          name="donors"
          label={t('admin.donors')}
          hint={t('admin.donorsHint')}
          autoComplete="off"
        />
      )}
    </>
  );
}

interface EditProps {
  user: User;
  self: boolean;
  /** Called with the changed user after a save, or null on cancel. */
  onClose: (updated: User | null) => void;
}

function EditUser({ user, self, onClose }: EditProps) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  /** Only what differs from the user as listed is sent. */
  const changesOf = (v: UserValues): UserChanges => {
    const changes: UserChanges = {};
    if (v.displayName.trim() !== user.displayName) changes.displayName = v.displayName.trim();
    if (!self && v.role !== user.role) changes.role = v.role;
    const nextStates = v.role === 'focal_point' ? parseList(v.states, true) : [];
    if (!sameList(nextStates, user.states)) changes.states = nextStates;
    const nextDonors = v.role === 'donor' ? parseList(v.donors, false) : [];
    if (!sameList(nextDonors, user.donors)) changes.donors = nextDonors;
    return changes;
  };
  const form = useForm<UserValues, User>({
    initial: {
      displayName: user.displayName,
      role: user.role,
      states: user.states.join(', '),
      donors: user.donors.join(', '),
    },
    fields: () => EDIT_FIELDS,
    check: (v) => userErrors(v, t),
    checkWhole: (v) =>
      Object.keys(changesOf(v)).length === 0 ? { text: t('admin.nothingChanged') } : undefined,
    send: (v) => changeUser(user.id, changesOf(v)),
    done: (updated) => onClose(updated),
    known: () => undefined,
  });

  return (
    <section id="edit-user" className="card form-card" aria-labelledby={form.fieldId('heading')}>
      <h2 id={form.fieldId('heading')} ref={heading} tabIndex={-1}>
        {t('admin.editHeading', { name: user.displayName })}
      </h2>
      <p className="hint">{self ? t('admin.selfNote') : t('admin.editLead')}</p>
      <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="edit-user-form">
        <ErrorSummary
          errors={form.errors}
          fieldId={form.fieldId}
          order={EDIT_FIELDS}
          attempt={form.attempt}
        />
        <UserFields bind={form.bind} role={form.values.role} roleChoice={!self} />
        <div className="form-actions">
          <button type="submit">{form.busy ? t('admin.saving') : t('admin.save')}</button>
          <button type="button" className="secondary" onClick={() => onClose(null)}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

const INVITE_FIELDS = ['email', 'displayName', 'role', 'states', 'donors'] as const;

function InviteUser({ onInvited }: { onInvited: (u: User) => void }) {
  const { t } = useTranslation();
  const [invited, setInvited] = useState<{ email: string; n: number } | null>(null);
  const invitedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (invited) invitedRef.current?.focus();
  }, [invited]);
  const form = useForm<UserValues & { email: string }, User>({
    initial: { email: '', displayName: '', role: 'focal_point', states: '', donors: '' },
    fields: () => INVITE_FIELDS,
    check: (v) => ({ email: emailError(v.email, t), ...userErrors(v, t) }),
    send: (v) => {
      setInvited(null);
      const input: NewUser = { email: v.email.trim(), displayName: v.displayName.trim(), role: v.role };
      if (v.role === 'focal_point') input.states = parseList(v.states, true);
      if (v.role === 'donor') input.donors = parseList(v.donors, false);
      return inviteUser(input);
    },
    done: (user) => {
      // The role stays for the next invitation.
      form.setValues((old) => ({ ...old, email: '', displayName: '', states: '', donors: '' }));
      setInvited((previous) => ({ email: user.email, n: (previous?.n ?? 0) + 1 }));
      onInvited(user);
    },
    known: ({ field, status }) => (field === 'email' && status === 409 ? t('admin.emailTaken') : undefined),
  });

  return (
    <section className="card form-card" aria-labelledby={form.fieldId('heading')}>
      <h2 id={form.fieldId('heading')}>{t('admin.inviteHeading')}</h2>
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
      <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="invite-form">
        <ErrorSummary
          errors={form.errors}
          fieldId={form.fieldId}
          order={INVITE_FIELDS}
          attempt={form.attempt}
        />
        <TextField
          {...form.bind('email')}
          name="email"
          type="email"
          label={t('signIn.email')}
          autoComplete="off"
          spellCheck={false}
        />
        <UserFields bind={form.bind} role={form.values.role} roleChoice />
        <div className="form-actions">
          <button type="submit">{form.busy ? t('admin.inviting') : t('admin.invite')}</button>
        </div>
      </form>
    </section>
  );
}
