import { describe, expect, it } from 'vitest';
import { goField, goJsonSyntaxError, quoteChar } from '../../sim/go-json';

const err = (s: string): string | null => goJsonSyntaxError(Buffer.from(s, 'utf8'));

describe('Go encoding/json syntax errors', () => {
  it.each([
    ['{"event_type":"health"}', null],
    ['  [1, 2.5e-3, true, false, null, "a\\u00e9"]  ', null],
    ['xyz', "invalid character 'x' looking for beginning of value"],
    ['', 'unexpected end of JSON input'],
    ['{"a":1', 'unexpected end of JSON input'],
    ['{a:1}', "invalid character 'a' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
    ['[1 2]', "invalid character '2' after array element"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['{"a":1}x', "invalid character 'x' after top-level value"],
    ['01', "invalid character '1' after top-level value"],
    ['-x', "invalid character 'x' in numeric literal"],
    ['1.e5', "invalid character 'e' after decimal point in numeric literal"],
    ['1e+', 'unexpected end of JSON input'],
    ['tru', 'unexpected end of JSON input'],
    ['trux', "invalid character 'x' in literal true (expecting 'e')"],
    ['nul1', "invalid character '1' in literal null (expecting 'l')"],
    ['"a\\qb"', "invalid character 'q' in string escape code"],
    ['"\\u12G4"', "invalid character 'G' in \\u hexadecimal character escape"],
    ['"a\nb"', "invalid character '\\n' in string literal"],
    ["'single'", "invalid character '\\'' looking for beginning of value"],
  ])('%j -> %j', (input, expected) => {
    expect(err(input)).toBe(expected);
  });

  it('quotes bytes like strconv.Quote', () => {
    expect(quoteChar(0x00)).toBe("'\\x00'");
    expect(quoteChar(0x09)).toBe("'\\t'");
    expect(quoteChar(0x5c)).toBe("'\\\\'");
    expect(quoteChar(0x80)).toBe("'\\u0080'");
    expect(quoteChar(0x41)).toBe("'A'");
  });

  it('matches struct fields case-insensitively, exact match first', () => {
    expect(goField({ EVENT_TYPE: 'health' }, 'event_type')).toBe('health');
    expect(goField({ Event_Type: 'a', event_type: 'b' }, 'event_type')).toBe('b');
    expect(goField({}, 'id')).toBeUndefined();
  });
});
