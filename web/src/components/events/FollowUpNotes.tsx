// What a follow-up view leaves out, said plainly: outside the Secretariat, which States attended (and the
// curves of groups so small they would name them); and whether assistance requests, confidential to their
// State, were taken into account. The server's own words follow in English.
import { useFormat } from '../../useFormat.ts';

export function FollowUpNotes({
  withheld,
  curvesWithheld,
  attendance,
  assistanceRequests,
}: {
  withheld: string | null;
  curvesWithheld: boolean;
  /** Whether attendance was known (then, outside the Secretariat, who attended is withheld). */
  attendance: boolean;
  assistanceRequests: boolean;
}) {
  const { t } = useFormat();
  return (
    <div className="card" data-testid="follow-up-withheld">
      {withheld !== null && (
        <p>
          <strong>{t('followUp.withheld')}</strong>
          {attendance && t('followUp.withheldAttendance')} {curvesWithheld && t('followUp.withheldCurves')}{' '}
          <span lang="en">({withheld})</span>
        </p>
      )}
      <p>{t(assistanceRequests ? 'followUp.assistanceShown' : 'followUp.assistanceHidden')}</p>
    </div>
  );
}
