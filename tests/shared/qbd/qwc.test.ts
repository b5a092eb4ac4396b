// @vitest-environment jsdom
// The .QWC file against Intuit's own sample (tests/fixtures/qbd/HTTPWebService.qwc): the same root
// and the tags the Web Connector requires, read back by a real XML parser; settings that could not
// work are refused in words, and the user's text stays text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { qwcFile, qwcProblem, type QwcSettings } from '../../../shared/qbd/qwc';

const settings: QwcSettings = {
  appName: 'Track Nexus – Cool Cars', appUrl: 'http://localhost:8089/qbwc', supportUrl: 'http://localhost:8089/help', userName: 'tracknexus',
  ownerId: '{87EDAAF8-637E-4203-867F-4BA79C2F8998}', fileId: '{CA1C3EB8-1B61-4747-A743-8D5B438B83AC}', everyMinutes: 15,
};
const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml');
const tags = (doc: Document) => [...doc.documentElement.children].map((e) => e.tagName);

describe('the .QWC file', () => {
  it('has the root and every tag of Intuit’s sample the Web Connector requires, and a schedule', () => {
    const ours = parse(qwcFile(settings));
    const intuit = parse(readFileSync(join(process.cwd(), 'tests/fixtures/qbd/HTTPWebService.qwc'), 'utf8'));
    expect(ours.documentElement.tagName).toBe(intuit.documentElement.tagName);
    const required = ['AppName', 'AppID', 'AppURL', 'AppDescription', 'AppSupport', 'UserName', 'OwnerID', 'FileID', 'QBType'];
    expect(tags(intuit)).toEqual(expect.arrayContaining(required));
    expect(tags(ours)).toEqual(expect.arrayContaining(required));
    expect(ours.querySelector('Scheduler > RunEveryNMinutes')?.textContent).toBe('15');
    expect(ours.querySelector('OwnerID')?.textContent).toBe(settings.ownerId);
    expect(ours.querySelector('QBType')?.textContent).toBe('QBFS');
  });

  it('refuses what the Web Connector would not call or run, in words', () => {
    expect(qwcProblem(settings)).toBeNull();
    expect(qwcProblem({ ...settings, appUrl: 'http://example.com/qbwc' })).toMatch(/on this computer/);
    expect(qwcProblem({ ...settings, appUrl: 'not a url' })).toMatch(/on this computer/);
    expect(qwcProblem({ ...settings, supportUrl: 'http://example.com/help' })).toMatch(/same host/);
    expect(qwcProblem({ ...settings, fileId: 'CA1C3EB8' })).toMatch(/GUIDs/);
    expect(qwcProblem({ ...settings, everyMinutes: 4 })).toMatch(/at least 5 minutes/);
    expect(() => qwcFile({ ...settings, everyMinutes: 1 })).toThrow('at least 5 minutes');
  });

  it('keeps a company name with markup in it as text', () => {
    const doc = parse(qwcFile({ ...settings, appName: 'Track Nexus – R&D <Labs>' }));
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.querySelector('AppName')?.textContent).toBe('Track Nexus – R&D <Labs>');
  });
});
