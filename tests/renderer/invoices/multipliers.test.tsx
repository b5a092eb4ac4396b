// @vitest-environment jsdom
// Overtime, weekend and holiday rates: folded away until opened, read from the service, checked
// before saving (what is wrong said next to it), and saved as the rules the builder uses.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connected, renderScreen } from './render-screen';
import { fakeService } from './fake-service';

vi.mock('../../../renderer/src/platform/api', () => ({
  api: { invoke: vi.fn(async () => ({ ok: true, value: { companies: [connected('primary', 'Nexus Consulting')] } })), on: () => () => {} },
}));

afterEach(cleanup);

async function openPanel() {
  const service = fakeService();
  renderScreen(service);
  const title = await screen.findByText('Overtime, weekends and holidays');
  const panel = title.closest('details')!;
  panel.open = true;
  fireEvent(panel, new Event('toggle'));
  await within(panel).findByRole('button', { name: 'Save rates' });
  return { service, panel };
}

describe('Overtime, weekends and holidays', () => {
  it('shows the saved rules and saves changed ones', async () => {
    const { service, panel } = await openPanel();
    const daily = within(panel).getByRole('textbox', { name: 'Daily overtime: hours a day at the normal rate' }) as HTMLInputElement;
    expect(daily.value).toBe('8:00');
    fireEvent.change(daily, { target: { value: '7:30' } });
    fireEvent.click(within(panel).getByRole('checkbox', { name: 'Weekly overtime' }));
    fireEvent.click(within(panel).getByRole('checkbox', { name: 'Holidays' }));
    fireEvent.change(within(panel).getByRole('textbox', { name: /Dates, one per line/ }), { target: { value: '2026-12-25\n2026-12-24' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save rates' }));
    await waitFor(() => expect(service.saveMultipliers).toHaveBeenCalledWith({
      weekStartsOn: 1,
      dailyOvertime: { thresholdMinutes: 450, percent: 150 },
      weeklyOvertime: { thresholdMinutes: 2400, percent: 150 },
      weekend: null,
      holidays: { dates: ['2026-12-24', '2026-12-25'], percent: 200 },
    }));
    expect(await within(panel).findByText(/^Saved\./)).toBeTruthy();
  });

  it('says what is wrong and saves nothing until it is fixed', async () => {
    const { service, panel } = await openPanel();
    fireEvent.change(within(panel).getByRole('textbox', { name: 'Daily overtime: hours a day at the normal rate' }), { target: { value: 'lots' } });
    fireEvent.click(within(panel).getByRole('checkbox', { name: 'Holidays' }));
    fireEvent.change(within(panel).getByRole('textbox', { name: /Dates, one per line/ }), { target: { value: '25/12/2026' } });
    fireEvent.click(within(panel).getByRole('checkbox', { name: 'Weekend work' }));
    fireEvent.change(within(panel).getByRole('spinbutton', { name: 'Weekend work: percent of the rate' }), { target: { value: '50' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save rates' }));
    const alerts = (await within(panel).findAllByRole('alert')).map((a) => a.textContent);
    expect(alerts).toEqual([
      'Enter the hours in a day before overtime starts, e.g. 8:00.',
      expect.stringContaining('whole number from 100 to 1000'),
      'Not a date (write 2026-12-25): 25/12/2026',
    ]);
    expect(service.saveMultipliers).not.toHaveBeenCalled();
  });
});
