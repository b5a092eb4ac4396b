import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher, LearnedModel, type MatchInput, type ProjectInfo } from '../../../shared/matcher';

const projects: ProjectInfo[] = [
  { id: 'acme-portal', name: 'Customer portal', clientName: 'Acme Corp', keywords: ['portal'], tasks: [{ id: 'dev', name: 'Development' }, { id: 'mtg', name: 'Meetings' }] },
  { id: 'acme-mobile', name: 'Mobile app', clientName: 'Acme Corp' },
  { id: 'globex', name: 'Security audit', clientName: 'Globex', keywords: ['pentest'] },
  { id: 'initech', name: 'Reporting automation', clientName: 'Initech LLC' },
  { id: 'hale', name: 'Contract review tool', clientName: 'Hale & Partners LLP', repositories: ['halepartners/hale-contract-viewer'], keywords: ['contracts'] },
];
const MIN = 60_000;
const chrome = (title: string, url: string | null = null): MatchInput => ({ app: 'Google Chrome', title: `${title} - Google Chrome`, url });

/** A small but realistic history: each project has its own words; Zoom, Slack and Excel are used for all. */
function history(): LearnedModel {
  const model = new LearnedModel();
  for (let i = 0; i < 40; i++) {
    model.learn({ app: 'Code', title: `LoginForm.tsx — acme-portal — Visual Studio Code`, url: null }, 'acme-portal', 'dev', 10 * MIN);
    model.learn(chrome(`[ACME-${100 + i}] Invoice history pagination - Jira`, `https://acme.atlassian.net/browse/ACME-${100 + i}`), 'acme-portal', 'dev', 3 * MIN);
    model.learn({ app: 'Xcode', title: 'AcmeMobile — AppDelegate.swift', url: null }, 'acme-mobile', null, 8 * MIN);
    model.learn({ app: 'Burp Suite Professional', title: 'Burp Suite Professional - globex-prod', url: null }, 'globex', null, 12 * MIN);
    model.learn({ app: 'PyCharm', title: 'initech-reports – tps_report.py', url: null }, 'initech', null, 9 * MIN);
    // Shared tools, spread over every project.
    const project = projects[i % 4]!.id;
    model.learn({ app: 'zoom.us', title: 'Zoom Meeting', url: null }, project, null, 30 * MIN);
    model.learn({ app: 'Slack', title: 'Threads - RK Consulting - Slack', url: null }, project, null, 2 * MIN);
    model.learn({ app: 'Microsoft Excel', title: 'Book1 - Excel', url: null }, project, null, 4 * MIN);
    model.learn(chrome(`How to ${['sort', 'merge', 'parse', 'test'][i % 4]} a list - Google Search`, 'https://www.google.com/search?q=x'), project, null, 2 * MIN);
    model.learnUnassigned(chrome('Lofi hip hop radio - YouTube', 'https://www.youtube.com/watch?v=abc'), 5 * MIN);
    model.learnUnassigned(chrome('BBC News - Home', 'https://www.bbc.co.uk/news'), 3 * MIN);
  }
  return model;
}

describe('learning', () => {
  const model = history();
  const matcher = createMatcher({ projects, model });

  it('suggests a project from distinctive learned words with a human reason', () => {
    const s = matcher.suggest({ app: 'Xcode', title: 'AcmeMobile — Info.plist', url: null });
    expect(s.projectId).toBe('acme-mobile');
    expect(s.source).toBe('learned');
    expect(s.confidence).toBeGreaterThanOrEqual(0.7);
    expect(s.detail).toMatch(/^learned: (app )?'[\w.-]+' in 40 confirmed Acme Corp · Mobile app segments$/);
    // A keyword the user gave wins over learned words and says so.
    expect(matcher.suggest({ app: 'Code', title: 'x.tsx — acme-portal — Visual Studio Code', url: null })).toMatchObject({
      projectId: 'acme-portal',
      source: 'metadata',
      detail: "keyword 'portal' appears in title",
    });
  });

  it('suggests the task most of the matching history went to', () => {
    expect(matcher.suggest(chrome('[ACME-999] Session timeout - Jira', 'https://acme.atlassian.net/browse/ACME-999')).taskId).toBe('dev');
  });

  it('shared tools cannot decide alone: a generic Zoom window abstains', () => {
    const s = matcher.suggest({ app: 'zoom.us', title: 'Zoom Meeting', url: null });
    expect(s.projectId).toBeNull();
    expect(s.source).toBe('none');
    expect(s.detail).toMatch(/^abstained: best guess .* below the 0.80 threshold/);
    // Entropy: the shared app is weighted far below an app used for one project.
    expect(model.evidence('a:zoom.us')!.weight).toBeLessThan(0.2);
    expect(model.evidence('a:burp suite professional')!.weight).toBeGreaterThan(0.8);
  });

  it('a shared tool with a distinctive title is still suggested', () => {
    const s = matcher.suggest({ app: 'zoom.us', title: 'Globex pentest readout - Zoom', url: null });
    expect(s.projectId).toBe('globex');
  });

  it('time confirmed as personal leans towards abstaining', () => {
    const s = matcher.suggest(chrome('How to make sourdough - YouTube', 'https://www.youtube.com/watch?v=xyz'));
    expect(s.projectId).toBeNull();
    expect(s.detail).toMatch(/^abstained: looks personal, .* confirmed as personal/);
  });

  it('a new project is suggested from metadata alone, before any history', () => {
    const s = matcher.suggest(chrome('hale-contract-viewer / Pull Request #4', 'https://bitbucket.org/halepartners/hale-contract-viewer/pull-requests/4'));
    expect(s.projectId, JSON.stringify(s)).toBe('hale');
    expect(s.source).toBe('metadata');
    expect(s.detail).toMatch(/repository 'hale contract viewer' appears in (title|URL)/);
    const byName = matcher.suggest({ app: 'Microsoft Word', title: 'Contract review tool - scope.docx', url: null });
    expect(byName).toMatchObject({ projectId: 'hale', source: 'metadata', detail: 'project name appears in title' });
  });

  it("a client's new project is not buried under its sibling's history", () => {
    // Northwind has history only for the ERP project; the dashboards project starts today.
    const ps: ProjectInfo[] = [
      { id: 'erp', name: 'ERP migration', clientName: 'Northwind Traders' },
      { id: 'bi', name: 'Sales dashboards', clientName: 'Northwind Traders', keywords: ['power bi'] },
      { id: 'other', name: 'Other', clientName: 'Globex' },
    ];
    const m = new LearnedModel();
    for (let i = 0; i < 30; i++) {
      m.learn({ app: 'Slack', title: '#erp-migration (Channel) - Northwind Traders - Slack', url: null }, 'erp', null, 3 * MIN);
      m.learn({ app: 'Microsoft Excel', title: 'Northwind GL mapping.xlsx - Excel', url: null }, 'erp', null, 10 * MIN);
      m.learn({ app: 'Code', title: 'other.ts — other — Visual Studio Code', url: null }, 'other', null, 10 * MIN);
    }
    const matcher2 = createMatcher({ projects: ps, model: m });
    expect(matcher2.suggest({ app: 'Power BI Desktop', title: 'Northwind Sales Overview - Power BI Desktop', url: null }).projectId).toBe('bi');
    // A window that only names the client is now ambiguous between its two projects.
    expect(matcher2.suggest({ app: 'Slack', title: 'Jules Martin (DM) - Northwind Traders - Slack', url: null }).projectId).toBeNull();
    // Words the ERP project's long history never had lean to the project that has no history yet.
    const kpi = matcher2.suggest({ app: 'zoom.us', title: 'Northwind KPI workshop - Zoom', url: null });
    expect(kpi.detail).toMatch(/^abstained: best guess Northwind Traders · Sales dashboards/);
  });

  it('a project with only a few minutes of history is not ruled out by the tools it has not been seen in yet', () => {
    const m = history();
    m.learn({ app: 'Figma', title: 'Contracts library – Figma', url: null }, 'hale', null, 5 * MIN);
    // Every word of this window is known, so only the absent penalties of Slack, 'rk' and 'consulting' count.
    const s = createMatcher({ projects, model: m }).suggest({ app: 'Slack', title: 'Contracts - RK Consulting - Slack', url: null });
    // Its tiny prior still keeps it below the threshold here, but it is the clear best guess, on its keyword.
    expect(s.detail).toMatch(/^abstained: best guess Hale & Partners LLP · Contract review tool at 0\.\d+ is below the 0\.80 threshold \(keyword 'contract' appears in title\)$/);
    expect(s.confidence).toBeGreaterThan(0.5);
  });

  it('abstains when nothing is known', () => {
    const s = createMatcher({ projects }).suggest({ app: 'Notes', title: 'groceries', url: null });
    expect(s).toMatchObject({ projectId: null, source: 'none', confidence: 0 });
    expect(s.detail).toMatch(/^abstained: nothing in this window/);
  });

  it('a higher threshold turns weaker suggestions into abstentions', () => {
    const input = { app: 'Slack', title: 'Threads - RK Consulting - Slack', url: null };
    const low = createMatcher({ projects, model, threshold: 0 }).suggest(input);
    expect(low.projectId).not.toBeNull();
    expect(createMatcher({ projects, model, threshold: Math.min(1, low.confidence + 0.01) }).suggest(input).projectId).toBeNull();
  });

  it('inactive projects are never suggested', () => {
    const inactive = projects.map((p) => (p.id === 'globex' ? { ...p, active: false } : p));
    const s = createMatcher({ projects: inactive, model }).suggest({ app: 'Burp Suite Professional', title: 'Burp Suite Professional - globex-prod', url: null });
    expect(s.projectId).not.toBe('globex');
  });

  it('serialisation round-trip gives identical suggestions', () => {
    const restored = LearnedModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const a = createMatcher({ projects, model });
    const b = createMatcher({ projects, model: restored });
    const inputs: MatchInput[] = [
      { app: 'Code', title: 'x.ts — acme-portal — Visual Studio Code', url: null },
      { app: 'zoom.us', title: 'Zoom Meeting', url: null },
      chrome('Invoice history', 'https://acme.atlassian.net/browse/ACME-1'),
      { app: 'Xcode', title: 'AcmeMobile — Info.plist', url: null },
      chrome('YouTube', 'https://www.youtube.com/'),
    ];
    for (const input of inputs) expect(b.suggest(input)).toEqual(a.suggest(input));
    expect(JSON.stringify(restored.toJSON())).toBe(JSON.stringify(model.toJSON()));
    expect(() => LearnedModel.fromJSON({ format: 'nope' } as never)).toThrow(/format/);
  });

  it('is deterministic: same history in the same order, projects in any order, same answers', () => {
    const other = createMatcher({ projects: [...projects].reverse(), model: history() });
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.option(fc.webUrl(), { nil: null }), (app, title, url) => {
        const input = { app, title, url };
        const s = matcher.suggest(input);
        expect(other.suggest(input)).toEqual(s);
        expect(s.confidence).toBeGreaterThanOrEqual(0);
        expect(s.confidence).toBeLessThanOrEqual(1);
        expect(s.reason).toMatch(/^[A-Z].*\.$/);
        expect(s.detail.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('learning later updates an existing matcher', () => {
    const m = history();
    const live = createMatcher({ projects, model: m });
    const input = { app: 'Keynote', title: 'Quarterly deck', url: null };
    expect(live.suggest(input).projectId).toBeNull();
    for (let i = 0; i < 30; i++) m.learn(input, "initech", null, 10 * MIN);
    expect(live.suggest(input).projectId, JSON.stringify(live.suggest(input))).toBe('initech');
  });
});

describe('continuity', () => {
  it('an undecided window continues the project of the window just before it, when history says this app usually does', () => {
    const model = new LearnedModel();
    let t = Date.UTC(2026, 0, 5, 9);
    const add = (input: Omit<MatchInput, 'start' | 'end'>, project: string | null, minutes: number) => {
      const seg = { ...input, start: t, end: t + minutes * MIN };
      t += minutes * MIN;
      if (project) model.learn(seg, project, null, minutes * MIN);
      else model.learnUnassigned(seg, minutes * MIN);
    };
    for (let i = 0; i < 20; i++) {
      const [p, repo] = i % 2 ? ['globex', 'globex-notes'] : ['initech', 'initech-reports'];
      add({ app: 'Code', title: `main.py — ${repo} — Visual Studio Code`, url: null }, p, 10);
      add(chrome(`question ${i} - Stack Overflow`, `https://stackoverflow.com/questions/${i}`), p, 3);
    }
    // This history knows only two projects, so confidence is modest; the test is about continuity.
    const matcher = createMatcher({ projects, model, threshold: 0.6 });
    const start = Date.UTC(2026, 0, 6, 9);
    const seq = matcher.suggestSequence([
      { app: 'Code', title: 'main.py — initech-reports — Visual Studio Code', url: null, start, end: start + 10 * MIN },
      { ...chrome('new question - Stack Overflow', 'https://stackoverflow.com/questions/77'), start: start + 10 * MIN, end: start + 13 * MIN },
    ]);
    expect(seq[0], JSON.stringify(seq)).toMatchObject({ projectId: 'initech' });
    expect(seq[1]!.projectId).toBe('initech');
    expect(seq[1]!.detail).toMatch(/^continues Initech LLC · Reporting automation from the window before/);
    // Alone, the same window abstains.
    expect(matcher.suggest(chrome('new question - Stack Overflow', 'https://stackoverflow.com/questions/77')).projectId).toBeNull();
  });
});

describe('continuity when the window says little', () => {
  it("a window whose own words lean weakly elsewhere continues the previous project at the learned rate", () => {
    const model = new LearnedModel();
    let t = Date.UTC(2026, 0, 5, 9);
    const add = (input: Omit<MatchInput, 'start' | 'end'>, project: string, minutes: number) => {
      model.learn({ ...input, start: t, end: t + minutes * MIN }, project, null, minutes * MIN);
      t += minutes * MIN;
    };
    const topics = ['Array.prototype.map()', 'fetch()', 'Promise.all()', 'CSS grid', 'Intl.DateTimeFormat'];
    for (let i = 0; i < 30; i++) {
      const [p, repo] = i % 3 ? ['globex', 'globex-notes'] : ['initech', 'initech-reports'];
      add({ app: 'Code', title: `main.ts — ${repo} — Visual Studio Code`, url: null }, p, 10);
      // Globex's MDN visits were more often about React; both projects use MDN mid-task.
      const topic = p === 'globex' && i % 2 ? 'React hooks' : topics[i % topics.length]!;
      add(chrome(`${topic} - JavaScript | MDN`, `https://developer.mozilla.org/en-US/docs/${i}`), p, 3);
    }
    const matcher = createMatcher({ projects, model });
    const start = Date.UTC(2026, 0, 6, 9);
    const mdn = chrome('React hooks - JavaScript | MDN', 'https://developer.mozilla.org/en-US/docs/x');
    const alone = matcher.suggest(mdn);
    expect(alone.projectId).toBeNull();
    expect(alone.confidence).toBeLessThan(0.4);
    const seq = matcher.suggestSequence([
      { app: 'Code', title: 'main.ts — initech-reports — Visual Studio Code', url: null, start, end: start + 10 * MIN },
      { ...mdn, start: start + 10 * MIN, end: start + 13 * MIN },
    ]);
    expect(seq[0]!.projectId).toBe('initech');
    const rate = model.continuityRate(mdn);
    expect(rate).toBeGreaterThan(0.9);
    expect(seq[1], JSON.stringify(seq[1])).toMatchObject({ projectId: 'initech', source: 'learned' });
    expect(seq[1]!.confidence).toBeGreaterThanOrEqual(rate - 0.001);
    expect(seq[1]!.detail).toBe(
      `continues Initech LLC · Reporting automation from the window before (windows like this continued the previous project in ${Math.round(rate * 100)}% of history)`,
    );
  });
});

describe('client names and ticket keys', () => {
  const model = history();
  const matcher = createMatcher({ projects, model });

  it('the name of a client with a single active project names that project', () => {
    // Umbrella is a new client: nothing in history says 'umbrella', only the project list does.
    const umbrella: ProjectInfo = { id: 'umbrella', name: 'Lab inventory', clientName: 'Umbrella Corp' };
    const one = createMatcher({ projects: [...projects, umbrella], model });
    const input = { app: 'zoom.us', title: 'Umbrella weekly check-in - Zoom', url: null };
    expect(one.suggest(input)).toMatchObject({ projectId: 'umbrella', source: 'metadata', detail: 'client name appears in title' });
    // Once the client has a second active project, its name alone decides nothing.
    const two = createMatcher({ projects: [...projects, umbrella, { id: 'umbrella-2', name: 'Payroll', clientName: 'Umbrella Corp' }], model });
    expect(two.suggest(input).projectId).toBeNull();
  });

  it("a client is also known by its first word and by its words run together, as in a host name", () => {
    expect(matcher.suggest({ app: 'zoom.us', title: 'Hale design review - Zoom', url: null }).projectId).toBe('hale');
    const jira = matcher.suggest(chrome('Sprint board', 'https://halepartners.atlassian.net/jira/software/projects/X/boards/1'));
    expect(jira).toMatchObject({ projectId: 'hale', detail: 'client name appears in URL' });
  });

  it('a ticket-key prefix confirmed once is a strong clue for the next ticket of that project', () => {
    const m = history();
    m.learn(chrome('[HCV-219] PDF export loses footnotes - Jira', 'https://tracker.example.com/browse/HCV-219'), 'hale', null, 3 * MIN);
    m.learn(chrome('[HCV-220] Clause search - Jira', 'https://tracker.example.com/browse/HCV-220'), 'hale', null, 3 * MIN);
    const s = createMatcher({ projects, model: m }).suggest(chrome('[HCV-417] Redline diff misaligned - Jira', 'https://tracker.example.com/browse/HCV-417'));
    expect(s).toMatchObject({ projectId: 'hale', source: 'learned', detail: 'learned: ticket key HCV in 2 confirmed Hale & Partners LLP · Contract review tool segments' });
    // The key is the project's, not the client's: ACME- tickets are not split with Acme's other project.
    expect(matcher.suggest(chrome('[ACME-4711] Totally new words here - Jira')).projectId).toBe('acme-portal');
  });
});

describe('a clue only one project ever had', () => {
  /** history() plus Globex mail whose one telling word, 'pentest' aside, is 'scoping'. */
  function withScoping(): LearnedModel {
    const model = history();
    const subjects = ['Scoping call notes', 'RE: Scoping questions', 'Scoping follow-up', 'FW: Scoping matrix'];
    for (let i = 0; i < 20; i++) {
      model.learn({ app: 'Microsoft Outlook', title: `${subjects[i % 4]} - Message (HTML)`, url: null }, 'globex', null, 3 * MIN);
    }
    return model;
  }
  const call = { app: 'zoom.us', title: 'Scoping rehearsal - Zoom', url: null };

  it('decides a short window whose combined evidence is unsure, and says which clue and how often', () => {
    const model = withScoping();
    const s = createMatcher({ projects, model }).suggest(call);
    expect(s, JSON.stringify(s)).toMatchObject({
      projectId: 'globex',
      source: 'learned',
      confidence: 0.952,
      detail: "learned: all 20 confirmed segments with 'scoping' were Globex · Security audit",
    });
    // The combined evidence alone leaves it well below the threshold: above 0.952 the clue cannot decide.
    const strict = createMatcher({ projects, model, threshold: 0.96 }).suggest(call);
    expect(strict.projectId).toBeNull();
    expect(strict.detail).toMatch(/best guess Globex · Security audit at 0\.[3-7]/);
  });

  it('does not decide when the word was ever confirmed elsewhere, personal time included', () => {
    const model = withScoping();
    model.learnUnassigned({ app: 'Microsoft Outlook', title: 'Scoping a kitchen remodel - Message (HTML)', url: null }, 0.5 * MIN);
    const s = createMatcher({ projects, model }).suggest(call);
    expect(s.projectId, JSON.stringify(s)).toBeNull();
    expect(createMatcher({ projects, model, threshold: 0.95 }).suggest(call).detail).toMatch(/best guess Globex · Security audit at 0\.[3-7]/);
  });

  it("never lets a word of a client's name pick one of the client's projects", () => {
    const model = history();
    // 'corp' has only been seen with Acme's portal, but Acme Corp has two projects.
    for (let i = 0; i < 12; i++) {
      model.learn({ app: 'Microsoft Outlook', title: `Acme Corp invoice ${i} - Message (HTML)`, url: null }, 'acme-portal', null, 3 * MIN);
    }
    const input = { app: 'zoom.us', title: 'Acme Corp sync - Zoom', url: null };
    const s = createMatcher({ projects, model }).suggest(input);
    expect(s.projectId, JSON.stringify(s)).toBeNull();
    expect(createMatcher({ projects, model, threshold: 0.95 }).suggest(input).detail).toMatch(/best guess Acme Corp · Customer portal at 0\.[3-7]/);
  });
});

describe('reasons a person reads', () => {
  // Each way the matcher decides reads as one plain sentence without scores; the matcher's own
  // account, with counts and confidences, stays in `detail` for the Details toggle.
  const model = history();
  const matcher = createMatcher({ projects, model });

  it('says which past windows a learned suggestion rests on', () => {
    const s = matcher.suggest({ app: 'Xcode', title: 'AcmeMobile — Info.plist', url: null });
    expect(s.reason).toMatch(/^You put 40 (Xcode windows|windows with ‘acmemobile’ in the title) on Acme Corp · Mobile app before\.$/);
    expect(s.detail).toMatch(/in 40 confirmed Acme Corp · Mobile app segments$/);
  });

  it('names the project, keyword or repository that metadata found', () => {
    expect(matcher.suggest({ app: 'Microsoft Word', title: 'Contract review tool - scope.docx', url: null }).reason).toBe(
      'The window title names the project Hale & Partners LLP · Contract review tool.',
    );
    expect(matcher.suggest({ app: 'Code', title: 'x.tsx — acme-portal — Visual Studio Code', url: null }).reason).toBe(
      'The window title mentions ‘portal’, a keyword of Acme Corp · Customer portal.',
    );
  });

  it('an unsure window says it is not sure and names the closest project; the scores stay in the detail', () => {
    const s = matcher.suggest({ app: 'zoom.us', title: 'Zoom Meeting', url: null });
    expect(s.reason).toMatch(/^Not sure enough to suggest a project\. Closest: .+\.$/);
    expect(s.reason).not.toMatch(/\d\.\d|threshold/);
    expect(s.detail).toMatch(/at 0\.\d+ is below the 0\.80 threshold/);
  });

  it('a personal-looking window says what it resembles', () => {
    const s = matcher.suggest(chrome('How to make sourdough - YouTube', 'https://www.youtube.com/watch?v=xyz'));
    expect(s.reason).toMatch(/^Looks personal: you marked 40 windows (from|with) .+ as not work\.$/);
  });

  it('a window nothing is known about says so', () => {
    expect(createMatcher({ projects }).suggest({ app: 'Notes', title: 'groceries', url: null }).reason).toBe(
      'Not sure enough to suggest a project: nothing in this window was seen in your reviewed time, and it names no project.',
    );
  });

  it('a clue only one project had, and a ticket key, read as what the user did', () => {
    const m = history();
    const subjects = ['Scoping call notes', 'RE: Scoping questions', 'Scoping follow-up', 'FW: Scoping matrix'];
    for (let i = 0; i < 20; i++) m.learn({ app: 'Microsoft Outlook', title: `${subjects[i % 4]} - Message (HTML)`, url: null }, 'globex', null, 3 * MIN);
    const sole = createMatcher({ projects, model: m }).suggest({ app: 'zoom.us', title: 'Scoping rehearsal - Zoom', url: null });
    expect(sole.reason).toBe('You put all 20 windows with ‘scoping’ in the title on Globex · Security audit.');
    const k = history();
    k.learn(chrome('[HCV-219] PDF export loses footnotes - Jira', 'https://tracker.example.com/browse/HCV-219'), 'hale', null, 3 * MIN);
    k.learn(chrome('[HCV-220] Clause search - Jira', 'https://tracker.example.com/browse/HCV-220'), 'hale', null, 3 * MIN);
    const ticket = createMatcher({ projects, model: k }).suggest(chrome('[HCV-417] Redline diff misaligned - Jira', 'https://tracker.example.com/browse/HCV-417'));
    expect(ticket.reason).toBe('You put 2 windows about HCV tickets on Hale & Partners LLP · Contract review tool before.');
  });
});

describe('unlearning an undone decision', () => {
  /** The model's JSON with minutes rounded, so float residue of a subtraction does not count as a difference. */
  const snapshot = (m: LearnedModel) => JSON.parse(JSON.stringify(m.toJSON(), (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)));
  const reload = (m: LearnedModel) => LearnedModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));

  it('takes back exactly what a decision taught, continuity included, as the review stores and reloads the model', () => {
    const before = history();
    const start = Date.UTC(2026, 0, 6, 9);
    // One accepted proposal: three windows in a row (two continuity pairs), one of them a new project's first.
    const decision = [
      { input: { app: 'Code', title: 'invoice.ts — umbrella-lab — Visual Studio Code', url: null, start, end: start + 20 * MIN }, project: 'globex', task: 'dev' },
      { input: { ...chrome('Umbrella lab inventory', 'https://lab.umbrella.example/items'), start: start + 20 * MIN, end: start + 25 * MIN }, project: 'globex', task: null },
      { input: { app: 'Slack', title: 'Threads - RK Consulting - Slack', url: null, start: start + 26 * MIN, end: start + 28 * MIN }, project: 'initech', task: null },
    ];
    const taught = reload(before);
    for (const d of decision) taught.learn(d.input, d.project, d.task, d.input.end - d.input.start);
    expect(snapshot(taught)).not.toEqual(snapshot(before));

    const undone = reload(taught);
    for (const d of decision) undone.unlearn(d.input, d.project, d.task, d.input.end - d.input.start);
    expect(snapshot(undone)).toEqual(snapshot(before));
    const probe = { app: 'Code', title: 'invoice.ts — umbrella-lab — Visual Studio Code', url: null };
    expect(createMatcher({ projects, model: undone }).suggest(probe)).toEqual(createMatcher({ projects, model: before }).suggest(probe));
  });

  it('takes back time marked as personal, and a label no segment holds any more leaves the model', () => {
    const m = new LearnedModel();
    m.learn({ app: 'Code', title: 'a.ts — acme', url: null }, 'acme-portal', null, 10 * MIN);
    const before = snapshot(m);
    const news = { app: 'Firefox', title: 'Headlines', url: 'https://news.example/' };
    const taught = reload(m);
    taught.learnUnassigned(news, 5 * MIN);
    expect(taught.labelCount).toBe(2);
    const undone = reload(taught);
    undone.unlearnUnassigned(news, 5 * MIN);
    expect(undone.labelCount).toBe(1);
    expect(snapshot(undone)).toEqual(before);
    // What was never learned is not taken back: counts stay as they are.
    undone.unlearnUnassigned(news, 5 * MIN);
    undone.unlearn({ app: 'Xcode', title: 'never seen', url: null }, 'acme-mobile');
    expect(snapshot(undone)).toEqual(before);
  });
});
