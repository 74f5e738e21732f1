import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthProvider } from '../auth.tsx';
import { navigate, usePath } from '../router.tsx';
import { AccountPage } from './AccountPage.tsx';
import { AdminUsersPage } from './AdminUsersPage.tsx';
import { CountriesPage } from './country/CountriesPage.tsx';
import { CountryPage } from './country/CountryPage.tsx';
import { DashboardPage } from './dashboard/DashboardPage.tsx';
import { Header } from './Header.tsx';
import { InstrumentPage } from './instrument/InstrumentPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { InvitationPage, ResetPage } from './PasswordPages.tsx';
import { RecordPage } from './record/RecordPage.tsx';
import { SignInPage } from './SignInPage.tsx';

// The fund and assistance pages are loaded when first opened (each its own chunk), not with the shell.
const FundPage = lazy(() => import('./fund/FundPage.tsx').then((m) => ({ default: m.FundPage })));
const DonorsPage = lazy(() => import('./fund/DonorPages.tsx').then((m) => ({ default: m.DonorsPage })));
const DonorPage = lazy(() => import('./fund/DonorPages.tsx').then((m) => ({ default: m.DonorPage })));
const FundRecordPage = lazy(() =>
  import('./fund/FundRecordPage.tsx').then((m) => ({ default: m.FundRecordPage })),
);
const RatesPage = lazy(() => import('./fund/RatesPage.tsx').then((m) => ({ default: m.RatesPage })));
const AssistancePage = lazy(() =>
  import('./assistance/AssistancePage.tsx').then((m) => ({ default: m.AssistancePage })),
);
const AssessmentPage = lazy(() =>
  import('./assistance/AssessmentPage.tsx').then((m) => ({ default: m.AssessmentPage })),
);
const RequestsPage = lazy(() =>
  import('./assistance/RequestPages.tsx').then((m) => ({ default: m.RequestsPage })),
);
const NewRequestPage = lazy(() =>
  import('./assistance/NewRequestPage.tsx').then((m) => ({ default: m.NewRequestPage })),
);
const RequestPage = lazy(() =>
  import('./assistance/RequestPages.tsx').then((m) => ({ default: m.RequestPage })),
);
const ProjectPage = lazy(() =>
  import('./assistance/ProjectPage.tsx').then((m) => ({ default: m.ProjectPage })),
);
const EventsPage = lazy(() => import('./events/EventsPage.tsx').then((m) => ({ default: m.EventsPage })));
const EventPage = lazy(() => import('./events/EventPage.tsx').then((m) => ({ default: m.EventPage })));
const NewEventPage = lazy(() => import('./events/EventForm.tsx').then((m) => ({ default: m.NewEventPage })));
const CorrectEventPage = lazy(() =>
  import('./events/EventForm.tsx').then((m) => ({ default: m.CorrectEventPage })),
);
const InvitationsPage = lazy(() =>
  import('./events/InvitationsPage.tsx').then((m) => ({ default: m.InvitationsPage })),
);
const FollowUpPage = lazy(() =>
  import('./events/FollowUpPage.tsx').then((m) => ({ default: m.FollowUpPage })),
);
const FollowUpKindPage = lazy(() =>
  import('./events/FollowUpKindPage.tsx').then((m) => ({ default: m.FollowUpKindPage })),
);
const CommitmentsPage = lazy(() =>
  import('./events/CommitmentsPage.tsx').then((m) => ({ default: m.CommitmentsPage })),
);
const RegistrationPage = lazy(() =>
  import('./events/RegistrationPage.tsx').then((m) => ({ default: m.RegistrationPage })),
);
const ApprovalQueuePage = lazy(() =>
  import('./events/ApprovalQueuePage.tsx').then((m) => ({ default: m.ApprovalQueuePage })),
);

const ReportsPage = lazy(() => import('./reports/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })));
const ReportPage = lazy(() => import('./reports/ReportPage.tsx').then((m) => ({ default: m.ReportPage })));

const NotificationsPage = lazy(() =>
  import('./notifications/NotificationsPage.tsx').then((m) => ({ default: m.NotificationsPage })),
);
const NotificationPage = lazy(() =>
  import('./notifications/NotificationPage.tsx').then((m) => ({ default: m.NotificationPage })),
);

const ObligationsPage = lazy(() =>
  import('./obligations/ObligationsPage.tsx').then((m) => ({ default: m.ObligationsPage })),
);

const INSTRUMENT = /^\/instruments\/([A-Z][A-Z0-9_-]{1,31})$/;
const COUNTRY = /^\/countries\/([A-Z]{3})$/;
const OBLIGATIONS = /^\/countries\/([A-Z]{3})\/obligations$/;
const DONOR = /^\/fund\/donors\/([A-Z0-9][A-Z0-9_-]{1,31})$/;
const ASSESSMENT = /^\/assistance\/countries\/([A-Z]{3})\/assessment$/;
const REQUEST = /^\/assistance\/requests\/([1-9]\d{0,9})$/;
const PROJECT = /^\/assistance\/projects\/([1-9]\d{0,9})$/;
const REPORT = /^\/reports\/([1-9]\d{0,9})$/;
const NOTIFICATION = /^\/notifications\/([1-9]\d{0,9})$/;
const EVENT = /^\/events\/([1-9]\d{0,9})(\/correct|\/invitations|\/follow-up|\/register)?$/;

/** The address of the first version (/?instrument=UNTOC&asOf=…) still opens the instrument's page. */
function legacyInstrumentPath(): string | null {
  const params = new URLSearchParams(window.location.search);
  const instrument = params.get('instrument');
  if (!instrument || !/^[A-Z][A-Z0-9_-]{1,31}$/.test(instrument)) return null;
  params.delete('instrument');
  const qs = params.toString();
  return `/instruments/${instrument}${qs ? `?${qs}` : ''}`;
}

function Page({ path }: { path: string }) {
  const instrument = INSTRUMENT.exec(path);
  if (instrument) return <InstrumentPage instrumentId={instrument[1]!} />;
  const country = COUNTRY.exec(path);
  if (country) return <CountryPage participantId={country[1]!} />;
  const obligations = OBLIGATIONS.exec(path);
  if (obligations) return <ObligationsPage participantId={obligations[1]!} />;
  const donor = DONOR.exec(path);
  if (donor) return <DonorPage donorId={donor[1]!} />;
  const assessment = ASSESSMENT.exec(path);
  if (assessment) return <AssessmentPage participantId={assessment[1]!} />;
  const request = REQUEST.exec(path);
  if (request) return <RequestPage requestId={Number(request[1])} />;
  const project = PROJECT.exec(path);
  if (project) return <ProjectPage projectId={Number(project[1])} />;
  const event = EVENT.exec(path);
  if (event) {
    const eventId = Number(event[1]);
    if (event[2] === '/correct') return <CorrectEventPage eventId={eventId} />;
    if (event[2] === '/invitations') return <InvitationsPage eventId={eventId} />;
    if (event[2] === '/follow-up') return <FollowUpPage eventId={eventId} />;
    if (event[2] === '/register') return <RegistrationPage eventId={eventId} />;
    return <EventPage eventId={eventId} />;
  }
  const report = REPORT.exec(path);
  if (report) return <ReportPage reportId={Number(report[1])} />;
  const notification = NOTIFICATION.exec(path);
  if (notification) return <NotificationPage notificationId={Number(notification[1])} />;
  switch (path) {
    case '/':
      return <DashboardPage />;
    case '/countries':
      return <CountriesPage />;
    case '/record':
      return <RecordPage />;
    case '/fund':
      return <FundPage />;
    case '/fund/donors':
      return <DonorsPage />;
    case '/fund/record':
      return <FundRecordPage />;
    case '/fund/rates':
      return <RatesPage />;
    case '/assistance':
      return <AssistancePage />;
    case '/assistance/requests':
      return <RequestsPage />;
    case '/assistance/requests/new':
      return <NewRequestPage />;
    case '/events':
      return <EventsPage />;
    case '/events/new':
      return <NewEventPage />;
    case '/events/follow-up':
      return <FollowUpKindPage />;
    case '/commitments':
      return <CommitmentsPage />;
    case '/events/queue':
      return <ApprovalQueuePage />;
    case '/reports':
      return <ReportsPage />;
    case '/notifications':
      return <NotificationsPage />;
    case '/account/sign-in':
      return <SignInPage />;
    case '/account':
      return <AccountPage />;
    case '/account/invitation':
      return <InvitationPage />;
    case '/account/reset':
      return <ResetPage />;
    case '/admin/users':
      return <AdminUsersPage />;
    default:
      return <NotFoundPage />;
  }
}

/**
 * After a client-side navigation the focus goes to the new page's heading (or the main region), as a
 * page load would put a screen reader at the top of the new page. Not on the first load.
 */
function useFocusOnNavigation(path: string) {
  const previous = useRef(path);
  useEffect(() => {
    if (previous.current === path) return;
    previous.current = path;
    const main = document.getElementById('main');
    const heading = main?.querySelector('h1');
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
    } else main?.focus();
  }, [path]);
}

/** The application frame: skip link, banner with navigation, main content, footer. */
export function App() {
  return (
    <AuthProvider>
      <Frame />
    </AuthProvider>
  );
}

function Frame() {
  const { t } = useTranslation();
  const path = usePath();
  useFocusOnNavigation(path);
  const legacy = path === '/' ? legacyInstrumentPath() : null;
  useEffect(() => {
    if (legacy) navigate(legacy, { replace: true });
  }, [legacy]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header />
      <main id="main" className="container" tabIndex={-1}>
        <Suspense
          fallback={
            <p className="loading" role="status">
              {t('common.loading')}
            </p>
          }
        >
          {!legacy && <Page key={path} path={path} />}
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('app.footer')}</p>
        </div>
      </footer>
    </>
  );
}
