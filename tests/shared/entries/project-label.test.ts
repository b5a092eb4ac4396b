// One way to name a project, for every screen, the tray, history and the matcher's reasons.
import { describe, expect, it } from 'vitest';
import { projectLabel, projectLabelById } from '../../../shared/entries/project-label';

const projects = new Map([
  ['p1', { name: 'Website', clientId: 'c1' }],
  ['p3', { name: 'Internal', clientId: null }],
  ['p8', { name: 'Orphan', clientId: 'gone' }],
]);
const clients = new Map([['c1', { name: 'Acme' }]]);

describe('project labels', () => {
  it('labels "Client · Project", a project without a client by its name, and no project as "No project"', () => {
    expect(projectLabelById('p1', projects, clients)).toBe('Acme · Website');
    expect(projectLabelById('p3', projects, clients)).toBe('Internal');
    expect(projectLabelById(null, projects, clients)).toBe('No project');
  });

  it('names a project that no longer exists "Deleted project", and one whose client is gone by its own name', () => {
    expect(projectLabelById('p9', projects, clients)).toBe('Deleted project');
    expect(projectLabelById('p8', projects, clients)).toBe('Orphan');
    expect(projectLabel(undefined)).toBe('Deleted project');
    expect(projectLabel({ name: 'Website', clientName: 'Acme' })).toBe('Acme · Website');
  });
});
