/** 推优: the contract (filled in by its owner). */
import type { Contract } from './contract';

export const recommendationsApi = {} satisfies Contract;
