import { describe, expect, it } from 'vitest';
import { createMatcher, LearnedModel, ruleFromSegment, type MatchInput, type ProjectInfo } from '../../../shared/matcher';

const acme: ProjectInfo = { id: 'acme', name: 'Customer portal', clientName: 'Acme Corp' };
const globex: ProjectInfo = { id: 'globex', name: 'Security audit', clientName: 'Globex' };

describe('ruleFromSegment', () => {
  it('uses a ticket key when the title has one', () => {
    const { rule, explanation } = ruleFromSegment({ app: 'Google Chrome', title: '[ACME-1234] Fix login - Jira - Google Chrome', url: 'https://acme.atlassian.net/browse/ACME-1234' }, acme);
    expect(rule).toMatchObject({ field: 'title', kind: 'contains', pattern: 'ACME-', projectId: 'acme' });
    expect(explanation).toMatch(/ticket key ACME/);
  });

  it("uses the client's own host", () => {
    const { rule } = ruleFromSegment({ app: 'Google Chrome', title: 'Invoices | Acme Customer Portal', url: 'https://portal-staging.acme.com/billing/invoices' }, acme);
    expect(rule).toMatchObject({ field: 'url', kind: 'contains', pattern: 'portal-staging.acme.com' });
  });

  it('uses the org path on a shared host, never the shared host alone', () => {
    const { rule } = ruleFromSegment({ app: 'Google Chrome', title: 'Fix login by rk · Pull Request #41 · acme-corp/portal', url: 'https://github.com/acme-corp/portal/pull/41' }, acme);
    expect(rule).toMatchObject({ field: 'url', pattern: 'github.com/acme-corp/' });
  });

  it('uses a distinctive title word for a shared app, not the app', () => {
    const model = new LearnedModel();
    for (let i = 0; i < 10; i++) {
      model.learn({ app: 'Slack', title: '#portal-dev (Channel) - Acme Corp - Slack', url: null }, 'acme');
      model.learn({ app: 'Slack', title: '#audit (Channel) - Globex - Slack', url: null }, 'globex');
    }
    const input: MatchInput = { app: 'Slack', title: '#portal-dev (Channel) - Acme Corp - Slack', url: null };
    const { rule } = ruleFromSegment(input, acme, { model });
    expect(rule.field).toBe('title');
    expect(['portal', 'Acme']).toContain(rule.pattern);
    // The proposed rule catches the segment it was made from, and not the other client's Slack.
    const matcher = createMatcher({ projects: [acme, globex], rules: [rule] });
    expect(matcher.suggest(input)).toMatchObject({ projectId: 'acme', source: 'rule' });
    expect(matcher.suggest({ app: 'Slack', title: '#audit (Channel) - Globex - Slack', url: null }).source).not.toBe('rule');
  });

  it('uses the app when it is only used for this project', () => {
    const { rule } = ruleFromSegment({ app: 'Burp Suite Professional', title: 'v2024.9', url: null }, globex);
    expect(rule).toMatchObject({ field: 'app', kind: 'glob', pattern: 'Burp Suite Professional' });
  });

  it('never proposes a shared app and falls back to the whole title', () => {
    const { rule } = ruleFromSegment({ app: 'zoom.us', title: 'Zoom Meeting', url: null }, globex);
    expect(rule.field).not.toBe('app');
    expect(rule).toMatchObject({ field: 'title', kind: 'contains', pattern: 'Zoom Meeting' });
  });

  it('is deterministic and produces valid rules for odd titles', () => {
    const input = { app: 'Code', title: 'ünïcödé (draft) [.*+?] — repo — Visual Studio Code', url: null };
    const a = ruleFromSegment(input, acme);
    expect(ruleFromSegment(input, acme)).toEqual(a);
    expect(a.rule.id).toMatch(/^rule-/);
    expect(createMatcher({ projects: [acme], rules: [a.rule] }).invalidRules).toEqual([]);
    expect(createMatcher({ projects: [acme], rules: [a.rule] }).suggest(input).projectId).toBe('acme');
  });
});
