// The 401 real QuickBooks sends for an expired access token, as recorded in minimul/qbo_api
// (spec/vcr/error/401.yml, 2020): the gateway's lower-case shape with `time` as a number. The
// client must still read it as an authentication fault (which makes it refresh once and resend;
// qbo-client.test.ts runs that against the sandbox, which now answers in this shape).
import { expect, it } from 'vitest';
import { QboFault } from '../../../electron/main/qbo/faults';

const RECORDED_BODY =
  '{"warnings":null,"intuitObject":null,"fault":{"error":[{"message":"message=AuthenticationFailed; errorCode=003200; statusCode=401","detail":"Token expired: AB01601390262kxzxOlnHYdhtEVRXISU7piPqQrCmmbDN35Yjd","code":"3200","element":null}],"type":"AUTHENTICATION"},"report":null,"queryResponse":null,"batchItemResponse":[],"attachableResponse":[],"syncErrorResponse":null,"requestId":null,"time":1601391072830,"status":null,"cdcresponse":[]}';

it('reads the recorded 401 as an authentication fault with its code and detail', () => {
  const fault = QboFault.fromResponse(401, RECORDED_BODY, '1-5f7349e0-0fd2bee86a8a83c67a77fbb2');
  expect(fault).toMatchObject({ status: 401, type: 'AUTHENTICATION', isAuth: true, retryable: false, code: '3200' });
  expect(fault.errors[0]).toMatchObject({ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail: 'Token expired' });
});

it('never carries the access token QuickBooks quotes into a message, whatever its form', () => {
  const fault = QboFault.fromResponse(401, RECORDED_BODY, null);
  expect(`${fault.message} ${JSON.stringify(fault.errors)}`).not.toContain('AB01601390262');
  const jwt = RECORDED_BODY.replace('Token expired: AB01601390262kxzxOlnHYdhtEVRXISU7piPqQrCmmbDN35Yjd', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl refused');
  expect(QboFault.fromResponse(401, jwt, null).message).not.toContain('eyJ');
});
