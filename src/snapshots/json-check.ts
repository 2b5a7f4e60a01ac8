/**
 * A strict reading of JSON text before JSON.parse builds it: JSON.parse keeps the last of
 * two equal keys without a word, names no line in Node 20's messages, and has no depth limit.
 * This walk finds the first syntax error with its line and column, every duplicate key,
 * and nesting deeper than a snapshot ever needs.
 */

export const MAX_DEPTH = 64;
/** A hostile file can hold a million duplicate keys; the first few tell the user enough. */
const MAX_PROBLEMS = 20;

export interface JsonProblem {
  line: number;
  column: number;
  message: string;
}

class JsonFault extends Error {}

export function checkJsonText(text: string): JsonProblem[] {
  const problems: JsonProblem[] = [];
  let at = 0;

  const position = (index: number) => {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < index; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, column: index - lineStart + 1 };
  };
  const fail = (message: string, index = at): never => {
    problems.push({ ...position(index), message });
    throw new JsonFault(message);
  };
  const describeHere = () => (at >= text.length ? 'the end of the file' : JSON.stringify(text[at]));
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };

  const readString = (): string => {
    const start = at;
    at++; // opening quote
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (code === 0x22) {
        at++;
        return JSON.parse(text.slice(start, at)) as string;
      }
      if (code < 0x20) fail('a control character inside a string must be escaped');
      if (code === 0x5c) {
        const next = text[at + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) fail('expected four hex digits after \\u');
          at += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          at += 2;
        } else {
          fail(`invalid escape \\${next ?? ''} in a string`);
        }
      } else {
        at++;
      }
    }
    return fail('a string is not closed', start);
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const readValue = (depth: number): void => {
    skipSpace();
    const c = text[at];
    if (c === '{' || c === '[') {
      if (depth >= MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`);
      return c === '{' ? readObject(depth + 1) : readArray(depth + 1);
    }
    if (c === '"') {
      readString();
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, at)) {
        at += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = at;
    if (NUMBER.test(text)) {
      at = NUMBER.lastIndex;
      return;
    }
    fail(`expected a value, found ${describeHere()}`);
  };

  const readObject = (depth: number): void => {
    at++;
    const seen = new Set<string>();
    skipSpace();
    if (text[at] === '}') {
      at++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[at] !== '"') fail(`expected a quoted key, found ${describeHere()}`);
      const keyAt = at;
      const key = readString();
      if (seen.has(key)) {
        problems.push({ ...position(keyAt), message: `duplicate key ${JSON.stringify(key)}` });
        if (problems.length >= MAX_PROBLEMS) throw new JsonFault('too many problems');
      }
      seen.add(key);
      skipSpace();
      if (text[at] !== ':') fail(`expected ':' after a key, found ${describeHere()}`);
      at++;
      readValue(depth);
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === '}') {
        at++;
        return;
      }
      fail(`expected ',' or '}', found ${describeHere()}`);
    }
  };

  const readArray = (depth: number): void => {
    at++;
    skipSpace();
    if (text[at] === ']') {
      at++;
      return;
    }
    for (;;) {
      readValue(depth);
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === ']') {
        at++;
        return;
      }
      fail(`expected ',' or ']', found ${describeHere()}`);
    }
  };

  try {
    readValue(0);
    skipSpace();
    if (at < text.length) fail(`unexpected ${describeHere()} after the end of the JSON value`);
  } catch (error) {
    if (!(error instanceof JsonFault)) throw error;
  }
  return problems;
}
