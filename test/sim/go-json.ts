// Go encoding/json error texts. The real hub answers a malformed client frame with the Go decoder's error verbatim
// ("invalid character 'x' looking for beginning of value"), so the simulator reproduces Go's checkValid() scanner
// messages instead of V8's JSON.parse wording.

class GoSyntaxError extends Error {}

const CONTROL_ESCAPES: Record<number, string> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
};

/** encoding/json quoteChar(): the byte as strconv.Quote would print the rune, in single quotes. */
export function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  if (c === 0x5c) return "'\\\\'";
  if (c < 0x20) return `'${CONTROL_ESCAPES[c] ?? `\\x${c.toString(16).padStart(2, '0')}`}'`;
  if (c === 0x7f) return "'\\x7f'";
  if ((c >= 0x80 && c <= 0xa0) || c === 0xad) return `'\\u00${c.toString(16).padStart(2, '0')}'`;
  return `'${String.fromCharCode(c)}'`;
}

/** Returns Go's syntax error text for `data`, or null when it is valid JSON. */
export function goJsonSyntaxError(data: Buffer): string | null {
  let i = 0;
  const fail = (context: string): never => {
    if (i >= data.length) throw new GoSyntaxError('unexpected end of JSON input');
    throw new GoSyntaxError(`invalid character ${quoteChar(data[i] as number)} ${context}`);
  };
  const peek = (): number | undefined => data[i];
  const skipWs = (): void => {
    while (i < data.length && (data[i] === 0x20 || data[i] === 0x09 || data[i] === 0x0a || data[i] === 0x0d))
      i++;
  };
  const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

  const literal = (word: string): void => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (peek() !== word.charCodeAt(k)) fail(`in literal ${word} (expecting '${word[k]}')`);
    }
    i++;
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      const c = peek();
      if (c === undefined) fail('');
      if (c === 0x22) return void i++;
      if (c === 0x5c) {
        i++;
        const e = peek();
        if (e === undefined) fail('');
        if (e === 0x75) {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9a-fA-F]/.test(String.fromCharCode(peek() ?? 0x7a)))
              fail('in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(String.fromCharCode(e as number))) fail('in string escape code');
        i++;
        continue;
      }
      if ((c as number) < 0x20) fail('in string literal');
      i++;
    }
  };
  const number = (): void => {
    if (peek() === 0x2d) {
      i++;
      if (!isDigit(peek())) fail('in numeric literal');
    }
    if (peek() === 0x30) i++;
    else while (isDigit(peek())) i++;
    if (peek() === 0x2e) {
      i++;
      if (!isDigit(peek())) fail('after decimal point in numeric literal');
      while (isDigit(peek())) i++;
    }
    if (peek() === 0x65 || peek() === 0x45) {
      i++;
      if (peek() === 0x2b || peek() === 0x2d) i++;
      if (!isDigit(peek())) fail('in exponent of numeric literal');
      while (isDigit(peek())) i++;
    }
  };
  const value = (): void => {
    skipWs();
    const c = peek();
    if (c === 0x7b) return object();
    if (c === 0x5b) return array();
    if (c === 0x22) return string();
    if (c === 0x2d || isDigit(c)) return number();
    if (c === 0x74) return literal('true');
    if (c === 0x66) return literal('false');
    if (c === 0x6e) return literal('null');
    fail('looking for beginning of value');
  };
  const object = (): void => {
    i++;
    skipWs();
    if (peek() === 0x7d) return void i++;
    for (;;) {
      skipWs();
      if (peek() !== 0x22) fail('looking for beginning of object key string');
      string();
      skipWs();
      if (peek() !== 0x3a) fail('after object key');
      i++;
      value();
      skipWs();
      if (peek() === 0x2c) {
        i++;
        continue;
      }
      if (peek() === 0x7d) return void i++;
      fail('after object key:value pair');
    }
  };
  const array = (): void => {
    i++;
    skipWs();
    if (peek() === 0x5d) return void i++;
    for (;;) {
      value();
      skipWs();
      if (peek() === 0x2c) {
        i++;
        continue;
      }
      if (peek() === 0x5d) return void i++;
      fail('after array element');
    }
  };

  try {
    value();
    skipWs();
    if (i < data.length) fail('after top-level value');
    return null;
  } catch (e) {
    if (e instanceof GoSyntaxError) return e.message;
    throw e;
  }
}

/** The JSON type name Go uses in UnmarshalTypeError ("array", "string", "number", "bool", "object"). */
export function goTypeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'object') return 'object';
  return typeof value; // 'string' | 'number'
}

/** encoding/json matches struct fields case-insensitively when there is no exact match. */
export function goField(obj: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(obj, name)) return obj[name];
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}
