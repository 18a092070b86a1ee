/**
 * ChangeResourceRecordSets refuses a record set that names a health check the account does not
 * have (NoSuchHealthCheck, as Route 53 does). Checked before planning; DELETE is not checked, so
 * a record naming a since-deleted check can still be deleted.
 */
import { apiError } from '../errors.ts';
import type { ApiContext } from '../context.ts';
import type { Change } from '../record-sets/parse-change-batch.ts';

/** Throws NoSuchHealthCheck when a CREATE or UPSERT names a health check `accountId` does not own. */
export async function checkHealthCheckIds(ctx: ApiContext, accountId: string, changes: readonly Change[]): Promise<void> {
  for (const c of changes) {
    const id = c.set.HealthCheckId;
    if (c.action === 'DELETE' || id === undefined) continue;
    const check = await ctx.store.getHealthCheck(id);
    if (!check || check.accountId !== accountId) {
      throw apiError('NoSuchHealthCheck', `No health check exists with the ID ${id} (named by the resource record set ${c.set.Name}, type ${c.set.Type})`);
    }
  }
}
