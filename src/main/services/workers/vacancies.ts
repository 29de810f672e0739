import type { HandlerArgs } from '../../../shared/api';
import type { Vacancy } from '../../../shared/people';
import type { DbOrTrx } from '../../db/schema';
import { subtreeOf } from '../grids/queries';
import { currentOn } from './queries';

/** Grids (optionally under one grid, of one level) with no current worker. */
export async function listVacancies(db: DbOrTrx, input: HandlerArgs<'grids/vacancies'>): Promise<Vacancy[]> {
  let q = db
    .selectFrom('grids as g')
    .select(['g.id', 'g.name', 'g.code', 'g.level'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('assignments as a').select('a.id').whereRef('a.grid_id', '=', 'g.id').where(currentOn()),
        ),
      ),
    );
  if (input.gridId !== null) q = q.where('g.id', 'in', subtreeOf(db, input.gridId));
  if (input.level !== null) q = q.where('g.level', '=', input.level);
  return q.orderBy('g.code').execute();
}
