import { describe, expect, it } from 'vitest';
import { leadingRequestId } from '@host/leading-request-id';

const head = (text: string) => leadingRequestId(Buffer.from(`${text}${'x'.repeat(2_000_000)}`));

describe('the id of a message too large to parse', () => {
  it('is read from the start of the message, as the bridge writes it', () => {
    expect(head('{"id":17,"channel":"agents.import","request":{"text":"')).toBe(17);
    expect(head(' { "id" : "req-7" , "channel"')).toBe('req-7');
    expect(head('{"id":"caf\\u00e9\\"1","channel"')).toBe('café"1');
    expect(head('{"id":-3}')).toBe(-3);
  });

  it('is undefined when the message does not open with a well-formed id', () => {
    expect(head('{"channel":"app.info","id":1,')).toBeUndefined();
    expect(head('{"id":1.5,')).toBeUndefined();
    expect(head('{"id":007,')).toBeUndefined();
    expect(head('{"id":"\\x41",')).toBeUndefined();
    expect(head(`{"id":"${'a'.repeat(2_000)}",`)).toBeUndefined();
    expect(head('[1,2,3')).toBeUndefined();
  });
});
