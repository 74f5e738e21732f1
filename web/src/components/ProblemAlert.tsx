import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';

interface Props {
  error: unknown;
  onRetry?: () => void;
}

/** A failed request, with the server's problem title and detail (in English) and a retry button. */
export function ProblemAlert({ error, onRetry }: Props) {
  const { t } = useTranslation();
  let message: string;
  if (error instanceof ApiError && error.status === 0) message = t('problem.network');
  else if (error instanceof ApiError) {
    const { title, detail, errors } = error.problem;
    const fields = errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
    message = [title, detail ?? fields].filter(Boolean).join(' — ');
  } else message = String(error);
  return (
    <div className="problem" role="alert">
      <p className="problem-heading">{t('problem.heading')}</p>
      <p lang={error instanceof ApiError && error.status !== 0 ? 'en' : undefined}>{message}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('problem.retry')}
        </button>
      )}
    </div>
  );
}
