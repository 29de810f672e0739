import { QueryCache, QueryClient } from '@tanstack/react-query';
import type { ApiError } from '@shared/errors';
import { notifyError } from './notify';

/** A handler's error, thrown inside queries so TanStack Query sees a failure. */
export class ApiCallError extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
  }
}

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { silent?: boolean; keepOnWrite?: boolean };
  }
}

/**
 * The one cache of everything the pages show. Errors are reported here, once per failed fetch
 * (not once per component that watches the query). Handlers answer locally and only the app
 * changes the database, so there is nothing to retry or to refresh on window focus.
 */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (query.meta?.silent) return;
      notifyError(error instanceof ApiCallError ? error.apiError : { code: 'INTERNAL', message: error.message });
    },
  }),
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});
