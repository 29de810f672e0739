/** The demo township's 考核方案: the ready template, so the 考核 page has a scheme to score with. */
import { EVAL_SCHEME_TEMPLATE } from '../../../shared/evaluations';
import type { DbOrTrx } from '../../db/schema';

/** Adds the template scheme unless a scheme of that name exists (a second demo township adds none). */
export async function addDemoScheme(db: DbOrTrx, now = new Date().toISOString()): Promise<void> {
  const taken = await db
    .selectFrom('eval_schemes')
    .select('id')
    .where('name', '=', EVAL_SCHEME_TEMPLATE.name)
    .executeTakeFirst();
  if (taken) return;
  await db
    .insertInto('eval_schemes')
    .values({
      name: EVAL_SCHEME_TEMPLATE.name,
      period: EVAL_SCHEME_TEMPLATE.period,
      definition: JSON.stringify(EVAL_SCHEME_TEMPLATE.definition),
      created_at: now,
      updated_at: now,
    })
    .execute();
}
