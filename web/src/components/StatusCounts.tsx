import type { StatusCounts as Counts } from '../api.ts';
import { useFormat } from '../useFormat.ts';

const ORDER = [
  'signatories',
  'contractingParties',
  'partiesInForce',
  'pendingEntryIntoForce',
  'uncertain',
  'withdrawn',
] as const satisfies readonly (keyof Counts)[];

/** The six counts as at the chosen date. */
export function StatusCounts({ counts }: { counts: Counts }) {
  const { t, number } = useFormat();
  return (
    <section className="card" aria-labelledby="counts-heading">
      <h2 id="counts-heading">{t('counts.heading')}</h2>
      <dl className="counts">
        {ORDER.map((key) => (
          <div key={key} className={`count count-${key}`} data-count={key}>
            <dt>{t(`counts.${key}`)}</dt>
            <dd>{number(counts[key])}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
