import { useMutation, useQuery, type UseQueryOptions, type UseQueryResult } from '@tanstack/react-query';
import type { HandlerInput, HandlerName, HandlerOutput } from '@shared/api';
import { call } from './api';
import { ApiCallError } from './query-client';

type QueryOptions<K extends HandlerName> = Omit<
  UseQueryOptions<HandlerOutput<K>, ApiCallError, HandlerOutput<K>, readonly [K, HandlerInput<K>]>,
  'queryKey' | 'queryFn'
> & {
  /** The page shows the error itself (no notification). */
  silent?: boolean;
  /**
   * Not reloaded after writes: for what a confirmation asks before a write (a delete preview),
   * which would fail once its subject is gone.
   */
  keepOnWrite?: boolean;
};

/**
 * Loads what a handler returns, cached under `[name, input]`. Failures are shown once, as a
 * Chinese notification, unless `silent`; `error.apiError` holds the handler's error.
 */
export function useApiQuery<K extends HandlerName>(
  name: K,
  input: HandlerInput<K>,
  options: QueryOptions<K> = {},
): UseQueryResult<HandlerOutput<K>, ApiCallError> {
  const { silent, keepOnWrite, ...rest } = options;
  return useQuery({
    queryKey: [name, input] as const,
    queryFn: async () => {
      const r = await call(name, input);
      if (!r.ok) throw new ApiCallError(r.error);
      return r.value;
    },
    meta: { silent, keepOnWrite },
    ...rest,
  });
}

/**
 * A handler call with its pending state, for buttons and forms. `mutateAsync` resolves to the
 * handler's Result (it never throws), so a form can put field errors where they belong; queries
 * are refreshed after a successful write (see `call`).
 */
export function useApiMutation<K extends HandlerName>(name: K) {
  return useMutation({ mutationFn: (input: HandlerInput<K>) => call(name, input) });
}
