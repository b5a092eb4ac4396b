import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountForMinutes, decimalToMinor, exactDecimal, minorToDecimalNumber, minorToDecimalString } from '../../../shared/qbo/decimal';
import { parseFault } from '../../../shared/qbo/fault';
import { MAX_DESCRIPTION_LENGTH } from '../../../shared/entries/entry';
import { renderDescription } from '../../../shared/qbo/template';

describe('decimals', () => {
  it('writes minor units with exactly the currency digits', () => {
    expect(minorToDecimalString(12345, 'USD')).toBe('123.45');
    expect(minorToDecimalString(5, 'USD')).toBe('0.05');
    expect(minorToDecimalString(12350, 'USD')).toBe('123.50');
    expect(minorToDecimalString(1235, 'JPY')).toBe('1235');
    expect(minorToDecimalString(1050, 'KWD')).toBe('1.050');
    expect(minorToDecimalNumber(12345, 'USD')).toBe(123.45);
    expect(JSON.stringify({ r: minorToDecimalNumber(1999, 'EUR') })).toBe('{"r":19.99}');
  });

  it('round-trips every minor amount without float drift', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.constantFrom('USD', 'JPY', 'KWD', 'EUR'), (minor, currency) => {
        const n = minorToDecimalNumber(minor, currency);
        expect(decimalToMinor(n, currency)).toBe(minor);
        const digits = String(n).split('.')[1]?.length ?? 0;
        expect(digits).toBeLessThanOrEqual({ USD: 2, JPY: 0, KWD: 3, EUR: 2 }[currency]!);
      }),
    );
  });

  it('reads decimals exactly, and refuses amounts with more digits than the currency', () => {
    expect(exactDecimal(123.45)).toEqual({ units: 12345n, scale: 2 });
    expect(exactDecimal(1e21)).toEqual({ units: 10n ** 21n, scale: 0 });
    expect(exactDecimal(1.5e-7)).toEqual({ units: 15n, scale: 8 });
    expect(decimalToMinor(123.456, 'USD')).toBeNull();
  });

  it('computes rate × time the way QBO shows it, half-up once', () => {
    expect(amountForMinutes(123.45, 90, 'USD')).toBe(18518); // 185.175 → 185.18
    expect(amountForMinutes(100, 7, 'USD')).toBe(1167); // 11.666… → 11.67
    expect(amountForMinutes(99.999, 60, 'USD')).toBe(10000); // a 3-digit rate typed in QBO
    expect(amountForMinutes(0.1, 30, 'USD')).toBe(5);
    expect(amountForMinutes(5000, 45, 'JPY')).toBe(3750);
  });
});

describe('renderDescription', () => {
  const values = { client: 'Acme Corp', project: 'Website', task: 'Design', description: 'Homepage hero', date: '2026-03-16' };
  it('fills placeholders and conditional parts', () => {
    expect(renderDescription('{project}{task? — task}: {description}', values)).toBe('Website — Design: Homepage hero');
    expect(renderDescription('{project}{task? — task}: {description}', { ...values, task: null })).toBe('Website: Homepage hero');
    expect(renderDescription('{date} {client}/{project}', values)).toBe('2026-03-16 Acme Corp/Website');
  });
  it('leaves unknown placeholders as text and supports escaped braces', () => {
    expect(renderDescription('{project} {ticket} {{literal}}', values)).toBe('Website {ticket} {literal}');
  });
  it('never re-parses inserted values', () => {
    expect(renderDescription('{description}', { description: 'see {client}' })).toBe('see {client}');
  });
  it('removes control characters, trims, and caps at 4000 characters without splitting a pair', () => {
    expect(renderDescription('  {description}\u0007 ', { description: 'line one\nline two\u0000' })).toBe('line one line two');
    const long = renderDescription('{description}', { description: `${'a'.repeat(3999)}𝄞tail` });
    expect(long.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
    expect(long).toBe('a'.repeat(3999));
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), fc.string({ maxLength: 5000 }), (template, description) => {
        const out = renderDescription(template, { ...values, description });
        expect(out.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
        expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        expect(out).toBe(out.trim());
      }),
    );
  });
});

describe('parseFault', () => {
  it('reads the service shape', () => {
    const f = parseFault(
      { Fault: { Error: [{ Message: 'Stale Object Error', Detail: 'Stale Object Error : You and API…', code: '5010', element: '' }], type: 'ValidationFault' }, time: 't' },
      { status: 400, intuitTid: 'tid-1' },
    );
    expect(f).toEqual({ status: 400, type: 'ValidationFault', errors: [{ code: '5010', message: 'Stale Object Error', detail: 'Stale Object Error : You and API…' }], intuitTid: 'tid-1' });
  });
  it('reads the gateway lower-case shape and unpads the code', () => {
    const f = parseFault(
      JSON.stringify({ warnings: null, fault: { error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail: 'Token expired', code: '003200', element: null }], type: 'AUTHENTICATION' } }),
      { status: 401 },
    );
    expect(f.errors[0]).toMatchObject({ code: '3200', detail: 'Token expired' });
    expect(f.type).toBe('AUTHENTICATION');
  });
  it('reads the XML throttle body', () => {
    const xml = '<?xml version="1.0"?><IntuitResponse time="t"><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.</Detail></Error></Fault></IntuitResponse>';
    expect(parseFault(xml, { status: 429 })).toEqual({
      status: 429,
      type: 'SERVICE',
      errors: [{ code: '3001', message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429', detail: 'The request limit was reached.' }],
    });
  });
  it('reads a batch item Fault and survives an empty or unreadable body', () => {
    expect(parseFault({ Error: [{ Message: 'Object Not Found', code: '610', element: 'CustomerRef' }], type: 'ValidationFault' }).errors[0]).toMatchObject({ code: '610', element: 'CustomerRef' });
    expect(parseFault('<html>Bad gateway</html>', { status: 502 })).toEqual({ status: 502, type: 'Unknown', errors: [] });
    expect(parseFault(undefined, { status: 503 }).errors).toEqual([]);
  });
});
