// QBO fault shapes. The accounting service answers `Fault.Error[]` (capitalised), while the
// gateway in front of it (auth, throttling) answers with its own lower-case `fault.error[]`
// shape or XML; clients must handle both, so the sandbox reproduces both.

export interface QboErrorItem {
  Message: string;
  Detail: string;
  code: string;
  element?: string;
}

export class QboFault extends Error {
  constructor(
    readonly status: number,
    readonly errors: QboErrorItem[],
    readonly type: string = 'ValidationFault',
  ) {
    super(errors[0]?.Detail ?? 'fault');
  }

  body(time: string): Record<string, unknown> {
    return { Fault: this.fault(), time };
  }

  /** The `Fault` object alone, as it appears inside a batch item. */
  fault(): Record<string, unknown> {
    return { Error: this.errors.map((e) => ({ ...e, element: e.element ?? '' })), type: this.type };
  }
}

const INACTIVE_DETAIL =
  "Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.";

const fault = (code: string, Message: string, Detail: string, element?: string, status = 400) =>
  new QboFault(status, [{ Message, Detail, code, ...(element ? { element } : {}) }]);

export const faults = {
  requiredMissing: (field: string) =>
    fault('2020', 'Required param missing, need to supply the required value for the API', `Required parameter ${field} is missing in the request`, field),
  malformed: (detail: string, element?: string) =>
    fault('2010', 'Request has invalid or unsupported property', `Property Name:${detail}`, element),
  stale: () =>
    fault(
      '5010',
      'Stale Object Error',
      'Stale Object Error : You and API API were working on this at the same time. API API finished before you did, so your work was not saved.',
    ),
  /** 610 is what QBO answers both for an inactive reference and for reading a missing object. */
  objectNotFound: (element?: string) => fault('610', 'Object Not Found', `Object Not Found : ${INACTIVE_DETAIL}`, element),
  invalidReference: (element?: string) => fault('2500', 'Invalid Reference Id', `Invalid Reference Id : ${INACTIVE_DETAIL}`, element),
  duplicateName: (detail = 'Another customer, vendor or employee is already using this name. Please use a different name.') =>
    fault('6240', 'Duplicate Name Exists Error', `The name supplied already exists. : ${detail}`),
  business: (detail: string, element?: string) =>
    fault('6000', 'A business validation error has occurred while processing your request', `Business Validation Error: ${detail}`, element),
  amountMismatch: (supplied: number) =>
    fault('6070', 'Amount is not equal to UnitPrice * Qty', `Amount is not equal to UnitPrice * Qty. Supplied value:${supplied}`),
  /**
   * A transaction dated on or before the closing date. Code, Message and Detail as in Intuit's
   * "Fix common errors" list (6210 Account Period Closed, copied in public QBO integration docs) and a
   * recorded fault in a public QBO integration's tests ("Account Period Closed, Cannot Update Through
   * Services API"); Harvest's help shows the same refusal as "Account period closed (Error 6200)".
   */
  periodClosed: () =>
    fault(
      '6210',
      'Account Period Closed, Cannot Update Through Services API',
      'The account period has closed and the account books cannot be updated through the QBO Services API. Please use the QBO website to make these changes.',
      'TxnDate',
    ),
  /** As recorded on Stack Overflow q/65340596 (code 6140) and Clio's QuickBooks help. */
  duplicateDocNumber: (docNumber: string, txnType: string, txnId: string) =>
    fault(
      '6140',
      'Duplicate Document Number Error',
      `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=${txnType} with TxnId=${txnId}`,
    ),
  queryParse: (detail: string) => fault('4000', 'Error parsing query', `QueryParserError: ${detail}`),
  queryValidation: (detail: string) => fault('4001', 'Invalid query', `QueryValidationError: ${detail}`),
  unsupported: (detail: string) => fault('500', 'Unsupported Operation', detail),
};

/** The gateway's lower-case fault, used for 401 (3200) and 403 (3100); its `time` is epoch milliseconds. */
export function gatewayFault(status: number, code: string, name: string, detail: string, type: string, time: number) {
  return {
    warnings: null,
    intuitObject: null,
    fault: {
      error: [
        {
          message: `message=${name}; errorCode=${code.padStart(6, '0')}; statusCode=${status}`,
          detail,
          code,
          element: null,
        },
      ],
      type,
    },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time,
    status: null,
    cdcresponse: [],
  };
}

const THROTTLE_MESSAGE = 'message=ThrottleExceeded; errorCode=003001; statusCode=429';
const THROTTLE_DETAIL = 'The request limit was reached.  Try again later';

/**
 * 429 ThrottleExceeded, as real QBO answers it: an XML IntuitResponse whatever the request's Accept
 * header said (routablehq/python-quickbooks#43, intuit/QuickBooks-V3-PHP-SDK#54, the fixture of
 * ruckus/quickbooks-ruby#348; qbo-api.md §6.1, §13.3). A client that only reads JSON fails here.
 */
export function throttleBody(time: string): { contentType: string; body: string } {
  return {
    contentType: 'application/xml',
    body:
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<IntuitResponse time="${time}" xmlns="http://schema.intuit.com/finance/v3">\n` +
      `    <Fault type="SERVICE">\n        <Error code="3001">\n` +
      `            <Message>${THROTTLE_MESSAGE}</Message>\n            <Detail>${THROTTLE_DETAIL}</Detail>\n` +
      `        </Error>\n    </Fault>\n</IntuitResponse>\n`,
  };
}
