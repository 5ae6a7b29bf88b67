// What a broken frame is reported as (the reason lands in the log, the only trace of a misbehaving server), and
// which frames the hub's own messages are recognised in. envelope.test.ts proves that hostile input is refused;
// this file proves it is refused for the right reason, and that a welcome or a pong is only read where the
// protocol sends it (events-hub-protocol.md: the welcome on `global`, pong on `health`).
import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../../src/main/hub/envelope';

const refused = (reason: string) => ({ ok: false, reason });
const accepted = (message: unknown) => ({ ok: true, message });

describe('parseFrame: the reason a frame is refused', () => {
  it.each([
    ['cut-off JSON', '{"event_type":', 'invalid JSON (14 characters)'],
    ['an empty frame', '', 'invalid JSON (0 characters)'],
    ['an array', '[{"event_type":"pdfm"}]', 'frame is an array, not an object'],
    ['null', 'null', 'frame is null, not an object'],
    ['a number', '42', 'frame is number, not an object'],
    ['a string', '"hello"', 'frame is string, not an object'],
    ['no event_type', '{"message":"VM_REMOVED"}', 'frame.event_type must be a non-empty string'],
    [
      'a message that is not a string',
      '{"event_type":"pdfm","message":["x"]}',
      'frame.message must be a string',
    ],
  ])('%s', (_name, text, reason) => {
    expect(parseFrame(text, false)).toEqual(refused(reason));
  });

  it('a channel that needs an object body refuses an array or a string body, but not a missing one', () => {
    expect(parseFrame('{"event_type":"pdfm","message":"VM_REMOVED","body":["a"]}', false)).toEqual(
      refused('frame.body must be an object'),
    );
    expect(parseFrame('{"event_type":"pdfm","message":"VM_REMOVED","body":"a"}', false)).toEqual(
      refused('frame.body must be an object'),
    );
    // A missing or null body is "no body": the channel then says which field it missed.
    expect(parseFrame('{"event_type":"pdfm","message":"VM_REMOVED"}', false)).toEqual(
      refused('body.vm_id must be a non-empty string'),
    );
    expect(parseFrame('{"event_type":"pdfm","message":"VM_REMOVED","body":null}', false)).toEqual(
      refused('body.vm_id must be a non-empty string'),
    );
  });

  it('a frame without a message is ignored with an empty one', () => {
    expect(parseFrame('{"event_type":"stats"}', false)).toEqual(
      accepted({ type: 'ignored', eventType: 'stats', message: '' }),
    );
    expect(parseFrame('{"event_type":"pdfm","body":{"vm_id":"a"}}', false)).toEqual(
      accepted({ type: 'ignored', eventType: 'pdfm', message: '' }),
    );
  });

  it('a channel we do not parse is ignored whatever its body', () => {
    for (const body of ['"text"', '[1]', 'null'])
      expect(parseFrame(`{"event_type":"stats","message":"System Stats","body":${body}}`, false)).toEqual(
        accepted({ type: 'ignored', eventType: 'stats', message: 'System Stats' }),
      );
  });

  it('names the wrong field of an error, a welcome or a pong frame', () => {
    expect(parseFrame('{"event_type":"pdfm","message":"error","body":{"error":5}}', false)).toEqual(
      refused('body.error must be a string'),
    );
    expect(parseFrame('{"event_type":"global","body":{"client_id":5}}', false)).toEqual(
      refused('body.client_id must be a non-empty string'),
    );
    expect(parseFrame('{"event_type":"global","body":{"client_id":"c","subscriptions":[1]}}', false)).toEqual(
      refused('body.subscriptions must be an array of strings'),
    );
    expect(parseFrame('{"event_type":"health","message":"pong","ref_id":5}', false)).toEqual(
      refused('frame.ref_id must be a string'),
    );
  });

  it('input that is not text at all is "unparseable", not a crash', () => {
    // Fragments that are not buffers make the decoder itself throw (not a FieldError).
    expect(parseFrame([{} as Buffer], false)).toEqual(refused('unparseable frame'));
  });
});

describe("parseFrame: the hub's own messages, only where the protocol sends them", () => {
  it('a welcome is a global frame with a client id; a global frame without one is not', () => {
    expect(parseFrame('{"event_type":"global","message":"hello","body":{"other":1}}', false)).toEqual(
      accepted({ type: 'ignored', eventType: 'global', message: 'hello' }),
    );
    expect(
      parseFrame(
        '{"event_type":"system","message":"client-id","body":{"client_id":"c","subscriptions":[]}}',
        false,
      ),
    ).toEqual(accepted({ type: 'ignored', eventType: 'system', message: 'client-id' }));
  });

  it('a pong is the health channel\'s "pong"; other health messages and other channels\' "pong" are not', () => {
    expect(parseFrame('{"event_type":"health","message":"ping"}', false)).toEqual(
      accepted({ type: 'ignored', eventType: 'health', message: 'ping' }),
    );
    expect(parseFrame('{"event_type":"system","message":"pong"}', false)).toEqual(
      accepted({ type: 'ignored', eventType: 'system', message: 'pong' }),
    );
    expect(parseFrame('{"event_type":"health","message":"pong"}', false)).toEqual(
      accepted({ type: 'pong', refId: null }),
    );
  });
});
