// The qbXML version Track Nexus speaks to a QuickBooks Desktop, from HostQuery's supported versions:
// the lowest one with ExternalGUID on TimeTrackingAdd (9.0), or a plain request to update QuickBooks.
import { describe, expect, it } from 'vitest';
import { qbxmlVersionFor } from '../../../shared/qbd/versions';

/** HostRet of QuickBooks 2023 (the simulator's), listing every version from 1.0 to 16.0. */
const QB2023 = ['1.0', '1.1', '2.0', '2.1', '3.0', '4.0', '4.1', '5.0', '6.0', '7.0', '8.0', '9.0', '10.0', '11.0', '12.0', '13.0', '14.0', '15.0', '16.0'];
/** QuickBooks 2009 (qbXML 8.0), a release before ExternalGUID. */
const QB2009 = ['1.0', '1.1', '2.0', '2.1', '3.0', '4.0', '4.1', '5.0', '6.0', '7.0', '8.0'];

describe('qbXML version for a QuickBooks Desktop', () => {
  it('speaks 9.0 to a current QuickBooks, the lowest version with every element sent', () => {
    expect(qbxmlVersionFor(QB2023)).toEqual({ version: '9.0' });
  });

  it('takes the lowest usable version whatever order HostRet lists them in, ignoring country forms', () => {
    expect(qbxmlVersionFor(['16.0', 'CA3.0', '13.0', '10.0'])).toEqual({ version: '10.0' });
  });

  it('asks the user to update an older QuickBooks, saying how far it goes', () => {
    const answer = qbxmlVersionFor(QB2009);
    expect(answer).toHaveProperty('problem');
    const { problem } = answer as { problem: string };
    expect(problem).toContain('up to version 8.0');
    expect(problem).toContain('Update QuickBooks Desktop to 2010 or later');
  });

  it('says so when QuickBooks named no versions at all', () => {
    expect(qbxmlVersionFor([])).toMatchObject({ problem: expect.stringContaining('did not say') });
  });
});
