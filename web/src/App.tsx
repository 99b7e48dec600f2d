import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router';
import { setUnauthorizedHandler } from './api/client';
import { PASSWORD_PATH, RequirePermission, RequireSession } from './auth/guards';
import { ME_KEY } from './auth/session';
import { loadAppLayout, loadHomePage } from './layout/chunks';
import { PageFallback } from './layout/PageFallback';

// The signed-in shell (menu, header, bell) is a chunk of its own: the login page loads only the form.
const AppLayout = lazy(() => loadAppLayout().then((module) => ({ default: module.AppLayout })));
const LoginPage = lazy(() => import('./pages/LoginPage'));
const HomePage = lazy(loadHomePage);
const BoardPage = lazy(() => import('./pages/board/BoardPage'));
const MeetingsPage = lazy(() => import('./pages/meetings/MeetingsPage'));
const MeetingPage = lazy(() => import('./pages/meetings/MeetingPage'));
const TasksPage = lazy(() => import('./pages/tasks/TasksPage'));
const TaskPage = lazy(() => import('./pages/tasks/TaskPage'));
const ProjectsPage = lazy(() => import('./pages/projects/ProjectsPage'));
const ProjectPage = lazy(() => import('./pages/projects/ProjectPage'));
const AnalysisPage = lazy(() => import('./pages/analytics/AnalysisPage'));
const ThresholdsPage = lazy(() => import('./pages/thresholds/ThresholdsPage'));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage'));
const TracksPage = lazy(() => import('./pages/org/TracksPage'));
const UsersPage = lazy(() => import('./pages/org/UsersPage'));
const CustomersPage = lazy(() => import('./pages/org/CustomersPage'));
const ApiKeysPage = lazy(() => import('./pages/admin/ApiKeysPage'));
const DeliveriesPage = lazy(() => import('./pages/admin/DeliveriesPage'));
const ImportPage = lazy(() => import('./pages/exchange/ImportPage'));
const RunsPage = lazy(() => import('./pages/exchange/RunsPage'));
// The forecast's pages: each its own chunk, so no one who does not open them loads them.
const OpportunitiesPage = lazy(() => import('./pages/forecast/OpportunitiesPage'));
const OpportunityPage = lazy(() => import('./pages/forecast/OpportunityPage'));
const UpdateGridPage = lazy(() => import('./pages/forecast/UpdateGridPage'));
const OverviewPage = lazy(() => import('./pages/forecast/OverviewPage'));
const BaselinePage = lazy(() => import('./pages/forecast/BaselinePage'));
const TargetRequestsPage = lazy(() => import('./pages/forecast/TargetRequestsPage'));
const ForecastSettingsPage = lazy(() => import('./pages/forecast/SettingsPage'));
const AlertsPage = lazy(() => import('./pages/alerts/AlertsPage'));
const FlowPage = lazy(() => import('./pages/forecast-views/FlowPage'));
const TrackPackPage = lazy(() => import('./pages/forecast-views/TrackPackPage'));
const ReviewPackPage = lazy(() => import('./pages/forecast-views/ReviewPackPage'));
const FeedPage = lazy(() => import('./pages/feeds/FeedPage'));
const ShipmentTrackingPage = lazy(() => import('./pages/feeds/ShipmentTrackingPage'));
const AttainmentPage = lazy(() => import('./pages/forecast-views/AttainmentPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

/** Any 401 (an expired session) sends the user to the login page, remembering where they were. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const client = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const { pathname, search } = window.location;
      if (pathname === '/login') return;
      client.removeQueries({ queryKey: ME_KEY });
      navigate('/login', { replace: true, state: { from: pathname + search } });
    });
  }, [navigate, client]);
  return null;
}

export function App() {
  return (
    <BrowserRouter>
      <UnauthorizedRedirect />
      <Routes>
        <Route
          path="/login"
          element={
            <Suspense fallback={<PageFallback />}>
              <LoginPage />
            </Suspense>
          }
        />
        <Route element={<RequireSession />}>
          <Route
            element={
              <Suspense fallback={<PageFallback />}>
                <AppLayout />
              </Suspense>
            }
          >
            <Route index element={<HomePage />} />
            <Route path={PASSWORD_PATH} element={<ChangePasswordPage />} />
            <Route
              path="/board"
              element={
                <RequirePermission permission="board.read">
                  <BoardPage />
                </RequirePermission>
              }
            />
            <Route
              path="/meetings"
              element={
                <RequirePermission permission="meetings.read">
                  <MeetingsPage />
                </RequirePermission>
              }
            />
            <Route
              path="/meetings/:id"
              element={
                <RequirePermission permission="meetings.read">
                  <MeetingPage />
                </RequirePermission>
              }
            />
            <Route
              path="/tasks"
              element={
                <RequirePermission permission="tasks.read">
                  <TasksPage />
                </RequirePermission>
              }
            />
            <Route
              path="/tasks/:id"
              element={
                <RequirePermission permission="tasks.read">
                  <TaskPage />
                </RequirePermission>
              }
            />
            <Route
              path="/projects"
              element={
                <RequirePermission permission="projects.read">
                  <ProjectsPage />
                </RequirePermission>
              }
            />
            <Route
              path="/projects/:id"
              element={
                <RequirePermission permission="projects.read">
                  <ProjectPage />
                </RequirePermission>
              }
            />
            <Route
              path="/analysis"
              element={
                <RequirePermission permission="analytics.read">
                  <AnalysisPage />
                </RequirePermission>
              }
            />
            <Route
              path="/thresholds"
              element={
                <RequirePermission permission="thresholds.proposals.read">
                  <ThresholdsPage />
                </RequirePermission>
              }
            />
            <Route
              path="/org/tracks"
              element={
                <RequirePermission permission="org.read">
                  <TracksPage />
                </RequirePermission>
              }
            />
            <Route
              path="/org/users"
              element={
                <RequirePermission permission="org.read">
                  <UsersPage />
                </RequirePermission>
              }
            />
            <Route
              path="/customers"
              element={
                <RequirePermission permission="customers.read">
                  <CustomersPage />
                </RequirePermission>
              }
            />
            <Route
              path="/admin/api-keys"
              element={
                <RequirePermission permission="apikeys.manage">
                  <ApiKeysPage />
                </RequirePermission>
              }
            />
            <Route
              path="/admin/deliveries"
              element={
                <RequirePermission permission="deliveries.manage">
                  <DeliveriesPage />
                </RequirePermission>
              }
            />
            {/* The address people type and say ("the import page"): the same page. */}
            <Route path="/import" element={<Navigate to="/exchange/import" replace />} />
            <Route
              path="/exchange/import"
              element={
                <RequirePermission permission="exchange.write">
                  <ImportPage />
                </RequirePermission>
              }
            />
            <Route
              path="/exchange/runs"
              element={
                <RequirePermission permission="exchange.read">
                  <RunsPage />
                </RequirePermission>
              }
            />
            <Route
              path="/opportunities"
              element={
                <RequirePermission permission="forecast.read">
                  <OpportunitiesPage />
                </RequirePermission>
              }
            />
            <Route
              path="/opportunities/:id"
              element={
                <RequirePermission permission="forecast.read">
                  <OpportunityPage />
                </RequirePermission>
              }
            />
            <Route
              path="/forecast/update"
              element={
                <RequirePermission permission="forecast.write">
                  <UpdateGridPage />
                </RequirePermission>
              }
            />
            <Route
              path="/forecast/overview"
              element={
                <RequirePermission permission="forecast.overview">
                  <OverviewPage />
                </RequirePermission>
              }
            />
            <Route
              path="/forecast/baseline"
              element={
                <RequirePermission permission="forecast.read">
                  <BaselinePage />
                </RequirePermission>
              }
            />
            <Route
              path="/forecast/requests"
              element={
                <RequirePermission permission="targets.requests.read">
                  <TargetRequestsPage />
                </RequirePermission>
              }
            />
            <Route
              path="/forecast/settings"
              element={
                <RequirePermission permission="forecast.settings.read">
                  <ForecastSettingsPage />
                </RequirePermission>
              }
            />
            <Route
              path="/alerts"
              element={
                <RequirePermission permission="alerts.read">
                  <AlertsPage />
                </RequirePermission>
              }
            />
            <Route
              path="/alerts/:id"
              element={
                <RequirePermission permission="alerts.read">
                  <AlertsPage />
                </RequirePermission>
              }
            />
            <Route
              path="/forecast/flow"
              element={
                <RequirePermission permission="forecast.overview">
                  <FlowPage />
                </RequirePermission>
              }
            />
            <Route
              path="/forecast/track-pack"
              element={
                <RequirePermission permission="forecast.packs.track">
                  <TrackPackPage />
                </RequirePermission>
              }
            />
            <Route
              path="/forecast/review-pack"
              element={
                <RequirePermission permission="forecast.packs.review">
                  <ReviewPackPage />
                </RequirePermission>
              }
            />
            <Route
              path="/feeds"
              element={
                <RequirePermission permission="feeds.read">
                  <FeedPage />
                </RequirePermission>
              }
            />
            <Route
              path="/forecast/shipments"
              element={
                <RequirePermission permission="forecast.overview">
                  <ShipmentTrackingPage />
                </RequirePermission>
              }
            />
            <Route
              path="/forecast/attainment"
              element={
                <RequirePermission permission="forecast.overview">
                  <AttainmentPage />
                </RequirePermission>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
