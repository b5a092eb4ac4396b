// A rule drafted from a window ("Make a rule" on a card or an unassigned window): the matcher
// explains the pattern it would use, the rules panel opens with it, and saving it goes through
// the matcher repository. Suggestions for unreviewed days follow a saved rule at once.
import { useState } from 'react';
import { ruleFromSegment } from '../../../../shared/matcher';
import { useRepos } from '../../data/repos-context';
import type { RuleDraft } from './RulesPanel';
import type { ReviewData } from './use-review-day';

export function useRuleDraft(data: ReviewData | null, onSaved: () => void) {
  const repos = useRepos();
  const [drafted, setDrafted] = useState<{ draft: RuleDraft; explanation: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  function make(segmentId: string, projectId: string | undefined) {
    const w = data?.day.windows.find((s) => s.id === segmentId);
    const project = data?.infos.find((p) => p.id === projectId);
    if (!data || !w || !project) return;
    const { rule, explanation } = ruleFromSegment(w, project, { model: data.model });
    setError(null);
    setDrafted({ draft: { field: rule.field, kind: rule.kind, pattern: rule.pattern, projectId: rule.projectId }, explanation });
  }

  async function save(draft: RuleDraft) {
    try {
      await repos.matcher.saveRule({ ...draft, taskId: null });
      setDrafted(null);
      setError(null);
      onSaved();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return {
    draft: drafted?.draft ?? null,
    explanation: drafted?.explanation ?? null,
    error,
    make,
    save,
    cancel: () => setDrafted(null),
    remove: (id: string) => repos.matcher.deleteRule(id),
  };
}
