import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher, LearnedModel, parseUrl, tokenize } from '../../../shared/matcher';

describe('tokenize', () => {
  it('drops numbers, stop words and one-letter words, keeps order, stems plurals lightly', () => {
    expect(tokenize('[ACME-1234] Fix the Dashboards for 2026 — a TODO')).toEqual(['acme', 'fix', 'dashboard', 'todo']);
    expect(tokenize('Café 東京 naïve')).toEqual(['café', '東京', 'naïve']);
    expect(tokenize('business class access')).toEqual(['business', 'class', 'access']);
  });
});

describe('parseUrl', () => {
  it('reads host, registrable domain and leading path', () => {
    expect(parseUrl('https://www.bbc.co.uk/news/world?x=1#top')).toEqual({ host: 'bbc.co.uk', baseDomain: 'bbc.co.uk', path: ['news', 'world'] });
    expect(parseUrl('https://user:pw@acme.atlassian.net:8443/browse/ACME-1')).toEqual({ host: 'acme.atlassian.net', baseDomain: 'atlassian.net', path: ['browse', 'acme-1'] });
    expect(parseUrl('http://localhost:3000/')).toEqual({ host: 'localhost', baseDomain: 'localhost', path: [] });
  });

  it('tolerates junk', () => {
    expect(parseUrl(null)).toBeNull();
    expect(parseUrl('')).toBeNull();
    expect(parseUrl('https://x.com/%E0%A4%A')?.path).toEqual(['%e0%a4%a']);
    fc.assert(fc.property(fc.string(), (s) => void parseUrl(s)));
  });
});

describe('continuity survives serialisation', () => {
  it('a restored model gives the same sequence of suggestions', () => {
    const projects = [
      { id: 'a', name: 'Alpha', clientName: 'Alpha Inc' },
      { id: 'b', name: 'Beta', clientName: 'Beta Ltd' },
    ];
    const model = new LearnedModel();
    let t = 0;
    for (let i = 0; i < 30; i++) {
      const p = i % 2 ? 'a' : 'b';
      model.learn({ app: 'Code', title: `x — ${p === 'a' ? 'alpha-app' : 'beta-app'} — Visual Studio Code`, url: null, start: t, end: (t += 600_000) }, p, null, 600_000);
      model.learn({ app: 'Google Chrome', title: `q${i} - Stack Overflow`, url: `https://stackoverflow.com/questions/${i}`, start: t, end: (t += 120_000) }, p, null, 120_000);
    }
    const restored = LearnedModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(restored.continuityRate({ app: 'Google Chrome', url: 'https://stackoverflow.com/q' })).toBe(model.continuityRate({ app: 'Google Chrome', url: 'https://stackoverflow.com/q' }));
    const day = [
      { app: 'Code', title: 'y — alpha-app — Visual Studio Code', url: null, start: 0, end: 600_000 },
      { app: 'Google Chrome', title: 'new - Stack Overflow', url: 'https://stackoverflow.com/questions/99', start: 600_000, end: 700_000 },
    ];
    expect(createMatcher({ projects, model: restored }).suggestSequence(day)).toEqual(createMatcher({ projects, model }).suggestSequence(day));
  });
});
