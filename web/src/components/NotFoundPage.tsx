import { useTranslation } from 'react-i18next';
import { Link } from '../router.tsx';
import { useTitle } from '../useTitle.ts';

export function NotFoundPage() {
  const { t } = useTranslation();
  useTitle(t('pages.notFoundTitle'));
  return (
    <div className="narrow">
      <h1>{t('pages.notFoundTitle')}</h1>
      <p>{t('pages.notFound')}</p>
      <p>
        <Link to="/">{t('pages.home')}</Link>
      </p>
    </div>
  );
}
