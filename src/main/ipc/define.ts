import type { z } from 'zod';
import type { Contract, Endpoint, OutputOf } from '../../shared/contract';
import type { HandlerContext } from './context';

export type Handler<E extends Endpoint> = (ctx: HandlerContext, input: z.output<E['input']>) => Promise<OutputOf<E>>;

/**
 * A handler, or a write that manages the database itself (restoring a backup replaces the
 * database, so it cannot run inside a transaction on it): its log entry is written afterwards.
 */
export type HandlerSpec<E extends Endpoint> = Handler<E> | { run: Handler<E>; ownTransaction: true };

/** A domain's handlers: exactly one per endpoint of its contract. */
export type Handlers<C extends Contract> = { [K in keyof C]: HandlerSpec<C[K]> };

/** Ties a domain's handlers to its contract, so each input and output is checked against it. */
export function defineHandlers<C extends Contract>(_contract: C, handlers: Handlers<C>): Handlers<C> {
  return handlers;
}
