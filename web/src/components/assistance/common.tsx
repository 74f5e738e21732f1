// What the assistance pages share: the section's navigation, names of States and provisions, status
// badges, and who may do what (the server decides again on every request).
import type { TFunction } from 'i18next';
import { listParticipants, type Participant } from '../../api.ts';
import {
  listProvisions,
  OBLIGATIONS,
  type Project,
  type Provision,
  type RequestStatus,
} from '../../api-assistance.ts';
import { useAuth } from '../../auth.tsx';
import { Link } from '../../router.tsx';
import { SubNav } from '../SubNav.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';

export function AssistanceNav() {
  const { t } = useFormat();
  const auth = useAuth();
  const states = auth.user?.role === 'focal_point' ? auth.user.states : [];
  const links: Array<[string, string]> = [
    ['/assistance', t('assistance.nav.overview')],
    ...states.map(
      (s) =>
        [`/assistance/countries/${s}/assessment`, t('assistance.nav.assessment', { state: s })] as [
          string,
          string,
        ],
    ),
    ...(auth.can('request.read')
      ? [['/assistance/requests', t('assistance.nav.requests')] as [string, string]]
      : []),
    ...(auth.can('request.write')
      ? [['/assistance/requests/new', t('assistance.nav.newRequest')] as [string, string]]
      : []),
  ];
  return <SubNav label={t('assistance.nav.label')} links={links} />;
}

/** Whether the signed-in account may take `action` for this State ("own" grants: its focal point). */
export function useMayForState(): (action: string, participantId: string) => boolean {
  const auth = useAuth();
  return (action, participantId) =>
    auth.can(action) && (auth.user?.role !== 'focal_point' || auth.user.states.includes(participantId));
}

export function useParticipants() {
  const participants = useResource((signal) => listParticipants(null, signal), []);
  const nameOf = (id: string) => participants.data?.find((p) => p.id === id)?.name ?? id;
  return { participants, nameOf };
}

export function useProvisions() {
  const provisions = useResource(listProvisions, []);
  const titleOf = (key: string) => provisionByKey(provisions.data, key)?.title ?? key;
  return { provisions, titleOf };
}

export function provisionKey(p: Pick<Provision, 'instrumentId' | 'article'>): string {
  return `${p.instrumentId} ${p.article}`;
}

export function provisionByKey(list: readonly Provision[] | undefined, key: string): Provision | undefined {
  return list?.find((p) => provisionKey(p) === key);
}

export function RequestStatusBadge({ status }: { status: string }) {
  const { t } = useFormat();
  return (
    <span className={`request-status request-${status}`} data-testid="request-status">
      {t(`assistance.requestStatus.${status as RequestStatus}`)}
    </span>
  );
}

export function ProjectStatusBadge({ status }: { status: string }) {
  const { t } = useFormat();
  return (
    <span className={`request-status request-${status}`}>
      {t(`assistance.projectStatus.${status as 'active' | 'completed'}`)}
    </span>
  );
}

/** The themes of the provisions catalogue (reference/provisions.csv). */
export const THEMES = [
  'criminalization',
  'confiscation',
  'international-cooperation',
  'jurisdiction',
  'law-enforcement',
  'prevention',
  'protection',
  'technical-assistance',
  'implementation-review',
  'general',
  'final-clauses',
] as const;
type Theme = (typeof THEMES)[number];

export function themeLabel(t: TFunction, theme: string): string {
  return (THEMES as readonly string[]).includes(theme) ? t(`assistance.theme.${theme as Theme}`) : theme;
}

export function obligationLabel(t: TFunction, obligation: string): string {
  return (OBLIGATIONS as readonly string[]).includes(obligation)
    ? t(`assistance.obligation.${obligation as (typeof OBLIGATIONS)[number]}`)
    : obligation;
}

export function StateLink({ id, name }: { id: string; name: string }) {
  return (
    <Link to={`/countries/${id}`} lang="en">
      {name}
    </Link>
  );
}

/** The States a new request or an assessment may be for: a focal point's own, the Secretariat any State. */
export function statesFor(
  participants: readonly Participant[],
  own: readonly string[] | null,
): Participant[] {
  return participants
    .filter((p) => p.kind === 'state' && (!own || own.includes(p.id)))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** An outcome: its date and kind, the law cited or the treaty registry's action. */
export function OutcomeText({ outcome: o }: { outcome: Project['outcomes'][number] }) {
  const { t, date } = useFormat();
  return (
    <>
      <span className="date">{date(o.happenedOn)}</span>{' '}
      <strong>{t(`assistance.outcomeKind.${o.kind as 'legislation_adopted'}`)}</strong>
      {o.citation && (
        <>
          {' — '}
          <span lang="en">{o.citation}</span>
        </>
      )}
      {o.actionId && (
        <>
          {' — '}
          {t('project.registryAction', { id: o.actionId, instrument: o.instrumentId ?? '' })}
        </>
      )}
    </>
  );
}
