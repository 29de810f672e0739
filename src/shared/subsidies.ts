/** 补贴: the contract (filled in by its owner). */
import type { Contract } from './contract';

export const subsidiesApi = {} satisfies Contract;
