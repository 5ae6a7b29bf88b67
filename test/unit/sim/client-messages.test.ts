import { describe, expect, it } from 'vitest';
import { parseEventTypes, replyToClientFrame } from '../../sim/client-messages';

const CLIENT = '9b2f6c1e-3a47-4d0b-9a51-2f7c8e6d4b10';
const reply = (text: string): Record<string, unknown> | null =>
  replyToClientFrame(Buffer.from(text, 'utf8'), CLIENT) as Record<string, unknown> | null;

describe('event_types parsing', () => {
  it.each<[string | null, string[]]>([
    [null, ['global']],
    ['', ['global']],
    ['   ', ['global']],
    ['pdfm,health', ['pdfm', 'health', 'global']],
    [' PDFM , Health ,bogus,', ['pdfm', 'health', 'global']],
    ['pdfm,pdfm', ['pdfm', 'pdfm', 'global']],
    ['nope', ['global']],
    // registerClient appends global only when it was not listed (main.go hasGlobal), wherever it was listed.
    ['global,pdfm', ['global', 'pdfm']],
    ['pdfm,GLOBAL', ['pdfm', 'global']],
  ])('%j -> %j', (param, expected) => {
    expect(parseEventTypes(param)).toEqual(expected);
  });
});

describe('replies to client frames', () => {
  it('answers a JSON ping with a targeted pong echoing the id as ref_id', () => {
    const r = reply('{"event_type":"health","message":"ping","id":"hb-1"}');
    expect(r).toMatchObject({ ref_id: 'hb-1', event_type: 'health', message: 'pong', client_id: CLIENT });
    expect(Object.keys(r ?? {})).toEqual(['id', 'ref_id', 'event_type', 'timestamp', 'message', 'client_id']);
    expect(r?.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('generates a ref_id when the ping has no id', () => {
    expect(reply('{"event_type":"health","message":"ping"}')?.ref_id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores health messages other than exactly "ping"', () => {
    expect(reply('{"event_type":"health","message":"PING","id":"x"}')).toBeNull();
    expect(reply('{"event_type":"health","id":"x"}')).toBeNull();
  });

  it('replies to client-id case-insensitively with the hyphenated body key', () => {
    expect(reply('{"event_type":"system","message":"Client-ID","id":"q1"}')).toMatchObject({
      ref_id: 'q1',
      event_type: 'system',
      message: 'client-id',
      body: { 'client-id': CLIENT },
      client_id: CLIENT,
    });
  });

  it('reports a non-string system message as a targeted system error', () => {
    expect(reply('{"event_type":"system","message":5,"id":"q2"}')).toMatchObject({
      event_type: 'system',
      message: 'error',
      ref_id: 'q2',
      client_id: CLIENT,
    });
  });

  it("answers malformed JSON with an untargeted global error carrying Go's text", () => {
    const r = reply('xyz');
    expect(r).toMatchObject({
      event_type: 'global',
      message: 'error',
      body: { error: "invalid character 'x' looking for beginning of value" },
    });
    expect(r).not.toHaveProperty('ref_id');
    expect(r).not.toHaveProperty('client_id');
  });

  it('rejects unknown and missing event types case-sensitively', () => {
    expect(reply('{"event_type":"foo"}')?.body).toEqual({ error: 'invalid message type foo' });
    expect(reply('{"event_type":"Health","message":"ping"}')?.body).toEqual({
      error: 'invalid message type Health',
    });
    expect(reply('{"message":"ping"}')?.body).toEqual({ error: 'invalid message type ' });
    expect(reply('null')?.body).toEqual({ error: 'invalid message type ' });
    // the docs' load test uses the wrong key
    expect(reply('{"type":"health","message":"ping"}')?.body).toEqual({ error: 'invalid message type ' });
  });

  it('reports Go unmarshal type errors', () => {
    expect(reply('[1]')?.body).toEqual({
      error: 'json: cannot unmarshal array into Go value of type models.EventMessage',
    });
    expect(reply('{"event_type":7}')?.body).toEqual({
      error: 'json: cannot unmarshal number into Go struct field EventMessage.event_type of type string',
    });
  });

  it('answers valid types without a handler with a targeted error', () => {
    for (const t of ['global', 'stats', 'orchestrator', 'pdfm']) {
      expect(reply(`{"event_type":"${t}","id":"x1"}`)).toMatchObject({
        ref_id: 'x1',
        event_type: 'global',
        message: 'error',
        body: { error: `no handlers registered for type ${t}` },
        client_id: CLIENT,
      });
    }
  });
});
