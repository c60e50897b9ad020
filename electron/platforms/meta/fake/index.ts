export { FakeMetaServer, type FakeMetaServerOptions, type FakeRequest } from './fake-server';
export { FakeAccount, type FakeAccountOptions } from './fake-account';
export { type FakeFault, type FakeFaultKind } from './fake-faults';
export { fakeWorld, FAKE_PAST_DAYS } from './fake-world';
export { FAKE_META_TEST_TOKEN, META_TOKEN_ENV, fakeTokenFrom } from './fake-token';
export { fakeId } from './fake-ids';
