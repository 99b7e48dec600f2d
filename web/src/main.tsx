import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiError } from './api/client';
import { LangProvider, prepareLanguage } from './i18n';
import { syncServerClock } from './lib/serverClock';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // 4xx answers do not get better by asking again
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// The first paint waits for the server's clock (at most 2 s), so no screen starts on the wrong day, and for
// the reader's dictionary (its own chunk, fetched at the same time).
void Promise.all([syncServerClock(), prepareLanguage()]).finally(() =>
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <LangProvider>
          <AntApp>
            <App />
          </AntApp>
        </LangProvider>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
