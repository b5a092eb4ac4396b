// Rate cards are effective-dated and never edited in place: a new rate is a new card from its date,
// so work already done keeps the rate it was done at. Resolution itself is shared/rates' resolveRate.
import { isLocalDate } from '../../../../shared/time/local-date';
import { resolveRate, type RateSubject, type ResolvedRate } from '../../../../shared/rates/resolve';
import type { RepoContext } from '../context';
import { NotFoundError } from '../errors';
import type { LocalDate, RateCardRow, RateScope } from '../schema';
import { auditRow } from './audit-write';

export interface NewRateCard {
  scope: RateScope;
  /** null (or omitted) for 'default'. */
  scopeId?: string | null;
  rateMinor: number;
  currency: string;
  effectiveFrom: LocalDate;
}

export function createRatesRepo(ctx: RepoContext) {
  const { db } = ctx;
  const tx = <R>(fn: () => Promise<R>) => db.transaction('rw', [db.rateCards, db.audit], fn);
  const scopeKey = (scope: RateScope, scopeId: string | null | undefined) => (scope === 'default' ? '' : (scopeId ?? ''));
  const inCreationOrder = (a: RateCardRow, b: RateCardRow) =>
    a.effectiveFrom.localeCompare(b.effectiveFrom) || a.createdAt - b.createdAt;

  /** One scope's cards, oldest effective date first. */
  async function listScope(scope: RateScope, scopeId: string | null = null): Promise<RateCardRow[]> {
    const key = scopeKey(scope, scopeId);
    const rows = await db.rateCards
      .where('[scope+scopeId+effectiveFrom]')
      .between([scope, key, ''], [scope, key, '\uffff'])
      .toArray();
    return rows.sort(inCreationOrder);
  }

  /** The cards that can apply to an entry (its task, project, client and the default), in list order for resolveRate. */
  async function cardsFor(subject: Pick<RateSubject, 'taskId' | 'projectId' | 'clientId'>): Promise<RateCardRow[]> {
    const scopes: [RateScope, string | null][] = [
      ['task', subject.taskId],
      ['project', subject.projectId],
      ['client', subject.clientId],
      ['default', null],
    ];
    const lists = await Promise.all(
      scopes.filter(([s, id]) => s === 'default' || id !== null).map(([s, id]) => listScope(s, id)),
    );
    return lists.flat();
  }

  return {
    async add(card: NewRateCard): Promise<RateCardRow> {
      if (!Number.isSafeInteger(card.rateMinor) || card.rateMinor < 0) throw new RangeError('A rate is a non-negative integer of minor units');
      if (!/^[A-Z]{3}$/.test(card.currency)) throw new RangeError(`"${card.currency}" is not a currency code`);
      if (!isLocalDate(card.effectiveFrom)) throw new RangeError(`"${card.effectiveFrom}" is not a date (YYYY-MM-DD)`);
      if (card.scope !== 'default' && !card.scopeId) throw new RangeError(`A ${card.scope} rate needs the ${card.scope} id`);
      const row: RateCardRow = {
        id: ctx.newId(),
        scope: card.scope,
        scopeId: scopeKey(card.scope, card.scopeId),
        rateMinor: card.rateMinor,
        currency: card.currency,
        effectiveFrom: card.effectiveFrom,
        createdAt: ctx.now(),
      };
      await tx(async () => {
        await db.rateCards.add(row);
        await db.audit.add(auditRow(ctx, { entityType: 'rateCard', entityId: row.id, action: 'create', actor: 'user', before: null, after: row }));
      });
      return row;
    },

    /** Removes a card entered by mistake (a real rate change is a new card). */
    async remove(id: string): Promise<void> {
      await tx(async () => {
        const before = await db.rateCards.get(id);
        if (!before) throw new NotFoundError('rateCard', id);
        await db.rateCards.delete(id);
        await db.audit.add(auditRow(ctx, { entityType: 'rateCard', entityId: id, action: 'delete', actor: 'user', before, after: null }));
      });
    },

    listScope,

    cardsFor,

    async rateFor(subject: RateSubject): Promise<ResolvedRate | null> {
      return resolveRate(subject, await cardsFor(subject));
    },

    listAll: async (): Promise<RateCardRow[]> => (await db.rateCards.toArray()).sort(inCreationOrder),
  };
}
