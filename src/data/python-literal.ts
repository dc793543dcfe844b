/**
 * A parser for Python literals, the subset `ast.literal_eval` accepts that JSON does not:
 * dicts, lists, tuples, sets, single/double/triple-quoted strings with escapes and r/u/b
 * prefixes, implicit string concatenation, ints (underscores, 0x/0o/0b), floats, unary +/-,
 * True/False/None and # comments. Datasets written with Python's `str(dict)` (MedCalc-Bench's
 * "Relevant Entities", numpy .npy headers) need it.
 *
 * Mapping to JS: tuples and sets become arrays, dicts become plain objects whose keys are the
 * key's string form (str as is, int/float via String(), True/False/None by name). Ints beyond
 * 2^53 lose precision. Complex numbers, f-strings, \N{...} escapes, inf/nan are rejected.
 */

export type PyValue = null | boolean | number | string | PyValue[] | { [key: string]: PyValue };

export class PythonLiteralError extends Error {
  readonly code = "PYTHON_LITERAL" as const;
  constructor(
    readonly detail: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
    readonly source: string,
  ) {
    const start = Math.max(0, offset - 20);
    const snippet = source.slice(start, offset + 20).replace(/\n/g, "\\n");
    super(`Python literal: ${detail} at line ${line}, column ${column} (near "${snippet}")`);
    this.name = "PythonLiteralError";
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  fail(detail: string, at = this.pos): never {
    const before = this.src.slice(0, at);
    const line = before.split("\n").length;
    const column = at - (before.lastIndexOf("\n") + 1) + 1;
    throw new PythonLiteralError(detail, at, line, column, this.src);
  }

  private skipSpace(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f") this.pos++;
      else if (c === "\\" && (this.src[this.pos + 1] === "\n" || this.src.startsWith("\r\n", this.pos + 1))) {
        this.pos += this.src[this.pos + 1] === "\n" ? 2 : 3;
      } else if (c === "#") {
        while (this.pos < this.src.length && this.src[this.pos] !== "\n") this.pos++;
      } else return;
    }
  }

  private peek(): string | undefined {
    this.skipSpace();
    return this.src[this.pos];
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) this.fail(`expected '${ch}' but found ${this.describe()}`);
    this.pos++;
  }

  private describe(): string {
    const c = this.src[this.pos];
    return c === undefined ? "end of input" : `'${c}'`;
  }

  parseTop(): PyValue {
    const first = this.parseValue();
    if (this.peek() === ",") {
      // A bare top-level tuple: `1, 2` evaluates to (1, 2).
      const items = [first];
      while (this.peek() === ",") {
        this.pos++;
        if (this.peek() === undefined) break;
        items.push(this.parseValue());
      }
      this.finish();
      return items;
    }
    this.finish();
    return first;
  }

  private finish(): void {
    if (this.peek() !== undefined) this.fail(`unexpected ${this.describe()} after the value`);
  }

  parseValue(): PyValue {
    const c = this.peek();
    if (c === undefined) this.fail("unexpected end of input, expected a value");
    if (c === "{") return this.parseBrace();
    if (c === "[") return this.parseSeq("[", "]");
    if (c === "(") return this.parseParen();
    if (c === "-" || c === "+") {
      const signAt = this.pos++;
      const next = this.peek();
      // literal_eval accepts one sign on a number literal, not "--1".
      if (next === "-" || next === "+") this.fail("a number may carry only one unary sign", signAt);
      const v = this.parseValue();
      if (typeof v !== "number") this.fail(`unary '${c}' applies only to numbers`, signAt);
      return c === "-" ? -v : v;
    }
    if (c === "'" || c === '"') return this.parseStrings();
    if (/[0-9.]/.test(c)) return this.parseNumber();
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos))!;
      const word = m[0];
      const next = this.src[this.pos + word.length];
      if ((next === "'" || next === '"') && /^(r|u|b|br|rb)$/i.test(word)) return this.parseStrings();
      if (word === "True") return (this.pos += 4), true;
      if (word === "False") return (this.pos += 5), false;
      if (word === "None") return (this.pos += 4), null;
      if ((next === "'" || next === '"') && /f/i.test(word)) this.fail("f-strings are not literals");
      if (word === "inf" || word === "nan") this.fail(`'${word}' is not a Python literal (write float('${word}') in Python)`);
      this.fail(`unknown name '${word}'`);
    }
    this.fail(`unexpected ${this.describe()}`);
  }

  private parseSeq(open: string, close: string): PyValue[] {
    this.expect(open);
    const items: PyValue[] = [];
    for (;;) {
      if (this.peek() === close) {
        this.pos++;
        return items;
      }
      items.push(this.parseValue());
      const n = this.peek();
      if (n === ",") this.pos++;
      else if (n !== close) this.fail(`expected ',' or '${close}' but found ${this.describe()}`);
    }
  }

  private parseParen(): PyValue {
    this.expect("(");
    if (this.peek() === ")") {
      this.pos++;
      return [];
    }
    const first = this.parseValue();
    if (this.peek() === ")") {
      // `(x)` is just x in parentheses; only a comma makes a tuple.
      this.pos++;
      return first;
    }
    const items: PyValue[] = [first];
    for (;;) {
      this.expect(",");
      if (this.peek() === ")") break;
      items.push(this.parseValue());
      if (this.peek() === ")") break;
    }
    this.pos++;
    return items;
  }

  private parseBrace(): PyValue {
    const openAt = this.pos;
    this.expect("{");
    if (this.peek() === "}") {
      this.pos++;
      return {};
    }
    const firstKeyAt = this.pos;
    const first = this.parseValue();
    if (this.peek() !== ":") {
      // A set literal {a, b}: kept as an array in source order, duplicates removed.
      const items: PyValue[] = [first];
      for (;;) {
        const n = this.peek();
        if (n === "}") {
          this.pos++;
          const seen = new Set<string>();
          return items.filter((v) => {
            const k = JSON.stringify(v);
            return seen.has(k) ? false : (seen.add(k), true);
          });
        }
        if (n !== ",") this.fail(`expected ',', ':' or '}' in the literal opened at offset ${openAt} but found ${this.describe()}`);
        this.pos++;
        if (this.peek() === "}") continue;
        items.push(this.parseValue());
      }
    }
    const obj: { [key: string]: PyValue } = {};
    let key = first;
    let keyAt = firstKeyAt;
    for (;;) {
      this.expect(":");
      const value = this.parseValue();
      Object.defineProperty(obj, this.keyString(key, keyAt), { value, enumerable: true, writable: true, configurable: true });
      const n = this.peek();
      if (n === "}") {
        this.pos++;
        return obj;
      }
      if (n !== ",") this.fail(`expected ',' or '}' but found ${this.describe()}`);
      this.pos++;
      if (this.peek() === "}") {
        this.pos++;
        return obj;
      }
      keyAt = this.pos;
      key = this.parseValue();
    }
  }

  private keyString(key: PyValue, at: number): string {
    if (typeof key === "string") return key;
    if (typeof key === "number") return String(key);
    if (key === true) return "True";
    if (key === false) return "False";
    if (key === null) return "None";
    this.fail("dict keys must be strings, numbers, booleans or None (lists, dicts and tuples are not supported)", at);
  }

  private parseStrings(): string {
    let out = this.parseString();
    // Adjacent literals concatenate: 'a' "b" == 'ab'.
    for (;;) {
      const save = this.pos;
      const c = this.peek();
      if (c === "'" || c === '"') out += this.parseString();
      else if (c !== undefined && /[rRuUbB]/.test(c) && /^[rRuUbB]{1,2}['"]/.test(this.src.slice(this.pos))) out += this.parseString();
      else {
        this.pos = save;
        return out;
      }
    }
  }

  private parseString(): string {
    this.skipSpace();
    let raw = false;
    while (/[rRuUbB]/.test(this.src[this.pos] ?? "")) {
      if (/[rR]/.test(this.src[this.pos]!)) raw = true;
      this.pos++;
    }
    const q = this.src[this.pos];
    if (q !== "'" && q !== '"') this.fail(`expected a string quote but found ${this.describe()}`);
    const triple = this.src.startsWith(q.repeat(3), this.pos);
    const delim = triple ? q.repeat(3) : q;
    const startAt = this.pos;
    this.pos += delim.length;
    let out = "";
    for (;;) {
      if (this.pos >= this.src.length) this.fail("unterminated string", startAt);
      if (this.src.startsWith(delim, this.pos)) {
        this.pos += delim.length;
        return out;
      }
      const c = this.src[this.pos]!;
      if (c === "\n" && !triple) this.fail("newline inside a single-quoted string", startAt);
      if (c !== "\\") {
        out += c;
        this.pos++;
        continue;
      }
      const e = this.src[this.pos + 1];
      if (e === undefined) this.fail("unterminated string", startAt);
      if (raw) {
        // Raw strings keep the backslash; it still stops the next quote from ending the string.
        out += c + e;
        this.pos += 2;
        continue;
      }
      this.pos += 2;
      if (e === "\n") continue;
      if (e === "\r") {
        if (this.src[this.pos] === "\n") this.pos++;
        continue;
      }
      if (e in SIMPLE_ESCAPES) {
        out += SIMPLE_ESCAPES[e];
        continue;
      }
      if (/[0-7]/.test(e)) {
        let digits = e;
        while (digits.length < 3 && /[0-7]/.test(this.src[this.pos] ?? "")) digits += this.src[this.pos++];
        out += String.fromCodePoint(parseInt(digits, 8));
        continue;
      }
      const hexLen = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
      if (hexLen > 0) {
        const hex = this.src.slice(this.pos, this.pos + hexLen);
        if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex)) this.fail(`bad \\${e} escape (needs ${hexLen} hex digits)`, this.pos - 2);
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff) this.fail(`\\${e}${hex} is beyond U+10FFFF`, this.pos - 2);
        out += String.fromCodePoint(cp);
        this.pos += hexLen;
        continue;
      }
      if (e === "N") this.fail("\\N{...} escapes are not supported", this.pos - 2);
      // Python keeps unknown escapes verbatim ("\d" stays backslash + d).
      out += "\\" + e;
    }
  }

  private parseNumber(): number {
    const rest = this.src.slice(this.pos);
    const based = /^0([xX][0-9a-fA-F_]+|[oO][0-7_]+|[bB][01_]+)/.exec(rest);
    if (based) {
      const body = based[1]!.slice(1).replace(/_/g, "");
      const radix = /[xX]/.test(based[1]![0]!) ? 16 : /[oO]/.test(based[1]![0]!) ? 8 : 2;
      this.pos += based[0].length;
      this.noTrailingIdent();
      return parseInt(body, radix);
    }
    const m = /^(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?/.exec(rest);
    if (!m) this.fail(`bad number starting with ${this.describe()}`);
    const text = m[0];
    if (/^0\d/.test(text.replace(/_/g, "")) && !/[.eE]/.test(text) && !/^0+$/.test(text.replace(/_/g, ""))) {
      this.fail("leading zeros in a decimal integer are not allowed in Python 3");
    }
    this.pos += text.length;
    if (/[jJ]/.test(this.src[this.pos] ?? "")) this.fail("complex numbers are not supported");
    this.noTrailingIdent();
    return Number(text.replace(/_/g, ""));
  }

  private noTrailingIdent(): void {
    if (/[A-Za-z0-9_]/.test(this.src[this.pos] ?? "")) this.fail(`unexpected '${this.src[this.pos]}' after a number`);
  }
}

/** Parses one Python literal (see the module comment for the accepted syntax and the JS mapping). */
export function parsePythonLiteral(source: string): PyValue {
  if (typeof source !== "string") throw new TypeError("parsePythonLiteral expects a string");
  return new Parser(source).parseTop();
}
