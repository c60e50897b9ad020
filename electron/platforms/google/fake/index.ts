export { FakeGoogleAdsServer, type FakeGoogleServerOptions, type FakeGoogleRequest } from './fake-server';
export { FakeGoogleCustomer, type FakeGoogleCustomerOptions, type FakeBiddingStrategy } from './fake-customer';
export { type FakeGoogleFault, type FakeGoogleFaultKind } from './fake-faults';
export { fakeGoogleWorld, FAKE_GOOGLE_PAST_DAYS } from './fake-world';
export { FAKE_GOOGLE_TEST_TOKEN, GOOGLE_ACCESS_TOKEN_ENV, fakeGoogleTokenFrom } from './fake-token';
