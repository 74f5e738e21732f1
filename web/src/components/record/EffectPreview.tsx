// What an action changes, in words: built from the server's computed effect (dryRun, or the recorded
// action's answer), translated; the server's own summary and the explanation follow in English.
import type { ActionEffect } from '../../api.ts';
import { useFormat } from '../../useFormat.ts';
import { isSignatureKind } from './actionForm.ts';

interface Props {
  effect: ActionEffect;
  kind: string;
  name: string;
  instrumentName: string;
  /** After recording: past tense ("has been recorded"). */
  done?: boolean;
}

const CONSENTS = ['ratification', 'acceptance', 'approval', 'accession', 'succession', 'formal_confirmation'];

export function EffectPreview({ effect, kind, name, instrumentName, done }: Props) {
  const { t, computedDate } = useFormat();
  const s = effect.statusAfter;
  const vars = { name, instrument: instrumentName };
  let sentence: string;
  if (CONSENTS.includes(kind) && s.eif) {
    sentence = s.eif.pending
      ? t('preview.eifPending', vars)
      : t('preview.eif', { ...vars, date: computedDate(s.eif) });
  } else if (isSignatureKind(kind) && s.signatureDate) {
    sentence = t('preview.signature', vars);
  } else if (kind === 'denunciation' && s.denunciationEffective) {
    sentence = t('preview.denunciation', { ...vars, date: computedDate(s.denunciationEffective) });
  } else {
    sentence = t('preview.statement', { ...vars, kind: t(`actionKind.${kind as 'declaration'}`) });
  }
  const explanation = CONSENTS.includes(kind)
    ? s.eif?.explanation
    : kind === 'denunciation'
      ? s.denunciationEffective?.explanation
      : undefined;
  return (
    <div className="effect">
      {!done && <h2>{t('preview.heading')}</h2>}
      <p className="effect-sentence" data-testid="effect-sentence">
        {sentence}
      </p>
      <p>
        {t('preview.stateAfter')}{' '}
        <span className={`state state-${s.state}`} data-testid="state-after">
          {t(`participantState.${s.state}`)}
        </span>
      </p>
      {explanation && (
        <p className="explanation" lang="en">
          {explanation}
        </p>
      )}
      <p className="hint">
        {t('preview.serverSummary')} <span lang="en">{effect.summary}</span>
      </p>
      {!done && <p className="hint">{t('preview.nothingYet')}</p>}
    </div>
  );
}
