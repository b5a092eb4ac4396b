// The matcher's memory: rules the user wrote (or made from a segment in one click) and the model it
// learned from confirmed review decisions. Rules are validated before they are stored, so a refused
// pattern never reaches the matcher.
import { validateRule, type Rule } from '../../../../shared/matcher';
import { LearnedModel, type ModelJSON } from '../../../../shared/matcher/model';
import type { RepoContext } from '../context';
import { NotFoundError } from '../errors';
import type { RuleRow } from '../schema';

const MODEL_KEY = 'model';

/** A rule the matcher refused (empty, invalid, or a pattern the linear-time engine cannot run); the message says why. */
export class InvalidRuleError extends Error {
  override name = 'InvalidRuleError';
}

export type RuleInput = Omit<Rule, 'id'> & { id?: string };

export function createMatcherRepo(ctx: RepoContext) {
  const { db } = ctx;
  return {
    listRules: (): Promise<RuleRow[]> => db.rules.orderBy('id').toArray(),

    /** Creates or replaces a rule; a refused pattern throws with the matcher's message. */
    async saveRule(input: RuleInput): Promise<RuleRow> {
      const id = input.id ?? ctx.newId();
      const check = validateRule({ ...input, id });
      if (!check.ok) throw new InvalidRuleError(check.message);
      const at = ctx.now();
      const old = await db.rules.get(id);
      const row: RuleRow = { ...input, id, createdAt: old?.createdAt ?? at, updatedAt: at };
      await db.rules.put(row);
      return row;
    },

    async deleteRule(id: string): Promise<void> {
      const n = await db.rules.where('id').equals(id).delete();
      if (n === 0) throw new NotFoundError('rule', id);
    },

    async loadModel(): Promise<LearnedModel> {
      const row = await db.matcherState.get(MODEL_KEY);
      return row ? LearnedModel.fromJSON(row.value as ModelJSON) : new LearnedModel();
    },

    async saveModel(model: LearnedModel): Promise<void> {
      await db.matcherState.put({ key: MODEL_KEY, value: model.toJSON(), updatedAt: ctx.now() });
    },
  };
}

export type MatcherRepo = ReturnType<typeof createMatcherRepo>;
