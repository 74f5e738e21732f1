// An instrument's statements of record, laid out as the UN Treaty Collection lays out its status page:
// declarations and reservations, objections, notifications, territorial applications, each grouped by State;
// every objection also listed under the statement it objects to. Filters (kind, article, in the URL) and
// downloads; the coverage line says how much is recorded, and who made a statement whose text is not.
import { useId, useMemo } from 'react';
import {
  DISPUTE_CLAUSES,
  normaliseArticle,
  STATEMENT_DOWNLOADS,
  STATEMENT_KINDS,
  statementsDownloadUrl,
  type InstrumentStatements,
  type Statement,
  type StatementKind,
} from '../../api-statements.ts';
import { Link } from '../../router.tsx';
import { useCountryNames } from '../../useCountryNames.ts';
import { useFormat } from '../../useFormat.ts';
import type { Query } from '../../url.ts';
import { ListedItem, StatementBody, StatementHead } from './StatementItem.tsx';

/** The Treaty Collection's sections, in its order. */
const SECTIONS: ReadonlyArray<{
  key: 'declarationsReservations' | 'objections' | 'notifications' | 'territorial';
  kinds: readonly StatementKind[];
}> = [
  { key: 'declarationsReservations', kinds: ['declaration', 'reservation', 'withdrawal'] },
  { key: 'objections', kinds: ['objection'] },
  { key: 'notifications', kinds: ['notification'] },
  { key: 'territorial', kinds: ['territorial_application'] },
];

function isKind(value: string | undefined): value is StatementKind {
  return value !== undefined && (STATEMENT_KINDS as readonly string[]).includes(value);
}

/** The statements the filters keep: the same rules as the API's (article as cited, "35.2" = "35(2)"). */
export function filterStatements(
  statements: readonly Statement[],
  kind: string | undefined,
  article: string | undefined,
) {
  const wanted = article ? normaliseArticle(article) : null;
  return statements.filter(
    (s) => (!kind || s.kind === kind) && (wanted === null || normaliseArticle(s.article) === wanted),
  );
}

/** Statements grouped by participant, in the order the server gives (by name). */
function byParticipant(statements: readonly Statement[]): Array<[string, Statement[]]> {
  const groups = new Map<string, Statement[]>();
  for (const s of statements) {
    const list = groups.get(s.participantId);
    if (list) list.push(s);
    else groups.set(s.participantId, [s]);
  }
  return [...groups];
}

interface Props {
  instrumentId: string;
  instrumentName: string;
  depositaryUrl: string | null;
  data: InstrumentStatements;
  query: Query;
  setQuery: (patch: Record<string, string | null>) => void;
}

export function StatementsSection({
  instrumentId,
  instrumentName,
  depositaryUrl,
  data,
  query,
  setQuery,
}: Props) {
  const { t, number } = useFormat();
  const id = useId();
  const kind = isKind(query.skind) ? query.skind : undefined;
  const article = query.sarticle;
  const shown = useMemo(
    () => filterStatements(data.statements, kind, article),
    [data.statements, kind, article],
  );
  const byId = useMemo(() => new Map(data.statements.map((s) => [s.id, s])), [data.statements]);
  const shownIds = new Set(shown.map((s) => s.id));
  const clause = DISPUTE_CLAUSES[instrumentId];
  const filtered = kind !== undefined || article !== undefined;
  const { coverage } = data;

  return (
    <section
      className="statements-section"
      aria-labelledby={`${id}-heading`}
      data-testid="statements-section"
    >
      <div className="section-head">
        <h2 id={`${id}-heading`}>{t('statements.heading')}</h2>
        <p className="downloads">
          <span className="downloads-label">{t('downloads.label')}</span>
          {STATEMENT_DOWNLOADS.map((format) => (
            <a
              key={format}
              className="download"
              href={statementsDownloadUrl(instrumentId, format, { kind, article })}
              download={`${instrumentId}-statements.${format}`}
            >
              {t(`downloads.${format}`)}
              <span className="visually-hidden">
                {' '}
                ({t('statements.downloadDescription', { instrument: instrumentName })})
              </span>
            </a>
          ))}
        </p>
      </div>
      <p className="coverage" data-testid="statements-coverage">
        {t('statements.coverage', {
          count: coverage.statements,
          participants: number(coverage.participants),
          instrument: instrumentName,
        })}{' '}
        {t('statements.coverageLonger', { count: coverage.listedNotRecorded })}
      </p>
      <p className="hint">
        {t('statements.summaryNote')}{' '}
        {depositaryUrl && (
          <a href={depositaryUrl} rel="noreferrer">
            {t('statements.depositaryLink', { instrument: instrumentName })}
          </a>
        )}
      </p>
      <div className="filters" role="search" aria-label={t('statements.filterLabel')}>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('statements.kind')}</label>
          <select
            id={`${id}-kind`}
            value={kind ?? ''}
            aria-controls={`${id}-list`}
            onChange={(e) => setQuery({ skind: e.target.value || null })}
          >
            <option value="">{t('filters.all')}</option>
            {STATEMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`actionKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-article`}>{t('statements.article')}</label>
          <input
            id={`${id}-article`}
            type="search"
            autoComplete="off"
            maxLength={40}
            value={article ?? ''}
            aria-describedby={`${id}-article-hint`}
            aria-controls={`${id}-list`}
            onChange={(e) => setQuery({ sarticle: e.target.value.trim() || null })}
          />
          <p id={`${id}-article-hint`} className="hint">
            {t('statements.articleHint')}
          </p>
        </div>
        {clause && (
          <button
            type="button"
            className="secondary"
            data-testid="optout-filter"
            onClick={() => setQuery({ skind: 'reservation', sarticle: clause.clause })}
          >
            {t('statements.optOutFilter', { article: clause.clause })}
          </button>
        )}
        {filtered && (
          <button
            type="button"
            className="secondary clear-filters"
            onClick={() => setQuery({ skind: null, sarticle: null })}
          >
            {t('filters.clear')}
          </button>
        )}
      </div>
      <p className="summary" role="status" data-testid="statements-shown">
        {filtered
          ? t('statements.shown', { count: shown.length, total: data.statements.length })
          : t('statements.all', { count: data.statements.length })}
      </p>
      <div id={`${id}-list`}>
        {SECTIONS.map((section) => {
          const inSection = shown.filter((s) => section.kinds.includes(s.kind));
          if (inSection.length === 0) return null;
          return (
            <section key={section.key} className="statement-group" aria-labelledby={`${id}-${section.key}`}>
              <h3 id={`${id}-${section.key}`}>{t(`statements.sections.${section.key}`)}</h3>
              {byParticipant(inSection).map(([participantId, list]) => (
                <div key={participantId} className="statement-state" data-participant={participantId}>
                  <h4>
                    <StateLink id={participantId} name={list[0]!.participantName} />
                  </h4>
                  <ul className="statement-list">
                    {list.map((s) => (
                      <li key={s.id} id={`statement-${s.id}`} data-statement={s.id} data-kind={s.kind}>
                        <StatementHead s={s} />
                        {s.target && (
                          <TargetLine s={s} target={byId.get(s.target.actionId ?? -1)} linked={shownIds} />
                        )}
                        <StatementBody s={s} />
                        {s.objections.length > 0 && <Objections s={s} linked={shownIds} />}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          );
        })}
        {shown.length === 0 && <p className="hint">{t('statements.noMatch')}</p>}
      </div>
      {!filtered && data.textNotRecorded.length > 0 && (
        <section className="statement-group" aria-labelledby={`${id}-listed`} data-testid="text-not-recorded">
          <h3 id={`${id}-listed`}>{t('statements.listedHeading')}</h3>
          <p className="hint">{t('statements.listedLead')}</p>
          <ul className="statement-list">
            {data.textNotRecorded.map((entry) => (
              <li
                key={`${entry.participantId}-${entry.listedAs}-${entry.source}`}
                data-participant={entry.participantId}
              >
                <ListedItem
                  entry={entry}
                  name={<StateLink id={entry.participantId} name={entry.participantName} />}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

/** What an objection or a withdrawal answers: a link to it when shown, or a note that it is not recorded. */
export function TargetLine({
  s,
  target,
  linked,
}: {
  s: Statement;
  target?: Statement | undefined;
  linked?: ReadonlySet<number>;
}) {
  const { t } = useFormat();
  if (!s.target) return null;
  const label = t(s.kind === 'objection' ? 'statements.objectsTo' : 'statements.withdraws');
  if (!s.target.recorded) {
    return (
      <p className="target target-unrecorded" data-target="unrecorded">
        {label} {s.target.participantName && <span lang="en">{s.target.participantName}</span>}{' '}
        <span className="badge badge-uncertain">{t('statements.targetNotRecorded')}</span>
      </p>
    );
  }
  const what = target ? (
    <>
      <span lang="en">{target.participantName}</span> — {t(`actionKind.${target.kind}`)}
      {target.article && <> ({t('record.articleShort', { article: target.article })})</>}
    </>
  ) : (
    <span lang="en">{s.target.participantName}</span>
  );
  const id = s.target.actionId;
  return (
    <p className="target" data-target={id ?? undefined}>
      {label}{' '}
      {target && id !== null && linked?.has(id) ? (
        <a href={`#statement-${id}`}>{what}</a>
      ) : s.target.participantId ? (
        <Link to={`/countries/${s.target.participantId}`}>{what}</Link>
      ) : (
        what
      )}
    </p>
  );
}

/** A State's name as the UN writes it in the reader's language, linked to its country page. */
export function StateLink({ id, name }: { id: string; name: string }) {
  const shown = useCountryNames()(id, name);
  return (
    <Link to={`/countries/${id}`} lang={shown.lang}>
      {shown.text}
    </Link>
  );
}

/** The objections recorded against a statement, listed under it (by State and date). */
export function Objections({ s, linked }: { s: Statement; linked?: ReadonlySet<number> }) {
  const { t, date } = useFormat();
  return (
    <div className="objections" data-testid="objections">
      <p className="objections-head">{t('statements.objectionsUnder', { count: s.objections.length })}</p>
      <ul className="inline-list">
        {s.objections.map((o) => (
          <li key={o.id} data-objection={o.id}>
            {linked?.has(o.id) ? (
              <a href={`#statement-${o.id}`} lang="en">
                {o.participantName}
              </a>
            ) : (
              <StateLink id={o.participantId} name={o.participantName} />
            )}{' '}
            {o.date ? <bdi className="date">({date(o.date)})</bdi> : `(${t('statements.dateNotKnown')})`}
          </li>
        ))}
      </ul>
    </div>
  );
}
