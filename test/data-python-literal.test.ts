import { describe, expect, it } from "vitest";
import { parseNpy } from "../src/data/npy.js";
import { parsePythonLiteral as p, PythonLiteralError } from "../src/data/python-literal.js";
import { jsonTopLevelKeys } from "../src/data/read.js";
import { decodeXmlEntities, parseXml, XmlParseError } from "../src/data/xml.js";

describe("parsePythonLiteral", () => {
  it("parses a MedCalc-Bench entity dict", () => {
    expect(p("{'sex': 'Male', 'age': [87, 'years'], 'weight': [48.0, 'kg'], 'creatinine': [1.4, 'mg/dL']}")).toEqual({
      sex: "Male",
      age: [87, "years"],
      weight: [48, "kg"],
      creatinine: [1.4, "mg/dL"],
    });
    expect(p("{'Congestive Heart Faliure': False, 'Thromboembolism history': True, 'x': None}")).toEqual({
      "Congestive Heart Faliure": false,
      "Thromboembolism history": true,
      x: null,
    });
  });

  it("handles tuples, nesting, empty containers and trailing commas", () => {
    expect(p("()")).toEqual([]);
    expect(p("(1,)")).toEqual([1]);
    expect(p("(1)")).toBe(1);
    expect(p("(3882, 28, 28)")).toEqual([3882, 28, 28]);
    expect(p("(1, 2,)")).toEqual([1, 2]);
    expect(p("[1, [2, (3, (4,))], {}, [], {'a': ()}]")).toEqual([1, [2, [3, [4]]], {}, [], { a: [] }]);
    expect(p("[1, 2, ]")).toEqual([1, 2]);
    expect(p("{'a': 1,}")).toEqual({ a: 1 });
    expect(p("1, 2")).toEqual([1, 2]);
    expect(p("{1, 2, 2, 3}")).toEqual([1, 2, 3]);
  });

  it("decodes string escapes and quoting forms", () => {
    expect(p(`'it\\'s'`)).toBe("it's");
    expect(p(`"say \\"hi\\""`)).toBe('say "hi"');
    expect(p(`"it's"`)).toBe("it's");
    expect(p(`'a\\nb\\tc\\\\d'`)).toBe("a\nb\tc\\d");
    expect(p(`'\\x41\\u00e9\\U0001F600\\101\\0'`)).toBe("Aé😀A\0");
    expect(p(`'\\d+'`)).toBe("\\d+");
    expect(p(`r'\\d+\\''`)).toBe("\\d+\\'");
    expect(p(`u'µmol/L'`)).toBe("µmol/L");
    expect(p(`'a' "b" 'c'`)).toBe("abc");
    expect(p(`'''multi\nline "q" 'x' '''`)).toBe(`multi\nline "q" 'x' `);
    expect(p(`"""a\\\nb"""`)).toBe("ab");
    expect(p(`'µ°≥'`)).toBe("µ°≥");
  });

  it("parses numbers the way Python does", () => {
    expect(p("-3")).toBe(-3);
    expect(p("+3")).toBe(3);
    expect(p("- 3.5e-2")).toBe(-0.035);
    expect(p(".5")).toBe(0.5);
    expect(p("5.")).toBe(5);
    expect(p("1E3")).toBe(1000);
    expect(p("1_000_000")).toBe(1_000_000);
    expect(p("0x1F")).toBe(31);
    expect(p("0o17")).toBe(15);
    expect(p("0b101")).toBe(5);
    expect(p("0")).toBe(0);
    expect(p("0.0")).toBe(0);
    expect(p("[-1, -2.5, -0x10]")).toEqual([-1, -2.5, -16]);
  });

  it("maps non-string dict keys to their Python spelling and keeps __proto__ as data", () => {
    expect(p("{1: 'one', 2.5: 'x', True: 1, None: 2}")).toEqual({ "1": "one", "2.5": "x", True: 1, None: 2 });
    const o = p("{'__proto__': {'polluted': 1}}") as Record<string, unknown>;
    expect(Object.keys(o)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
  });

  it("ignores whitespace, line continuations and comments", () => {
    expect(p("  {\n  'a' : [ 1 ,\n 2 ] , # the list\n 'b': \\\n 3 }  ")).toEqual({ a: [1, 2], b: 3 });
  });

  it("rejects what literal_eval rejects, with the position", () => {
    const cases: [string, RegExp][] = [
      ["{'a': 1", /expected ',' or '\}' but found end of input at line 1, column 8/],
      ["[1 2]", /expected ',' or '\]' but found '2' at line 1, column 4/],
      ["'abc", /unterminated string at line 1, column 1/],
      ["'a\nb'", /newline inside a single-quoted string/],
      ["inf", /'inf' is not a Python literal/],
      ["nan", /'nan' is not a Python literal/],
      ["1j", /complex numbers are not supported/],
      ["f'x'", /f-strings are not literals/],
      ["0123", /leading zeros/],
      ["-'a'", /unary '-' applies only to numbers at line 1, column 1/],
      ["--1", /only one unary sign/],
      ["{[1]: 2}", /dict keys must be strings/],
      ["{'a' 1}", /expected ',', ':' or '\}'/],
      ["", /unexpected end of input, expected a value/],
      ["Trueish", /unknown name 'Trueish'/],
      ["1 2", /unexpected '2' after the value/],
      ["'\\N{EM DASH}'", /\\N\{\.\.\.\} escapes are not supported/],
      ["'\\x4'", /bad \\x escape/],
      ["{'a': 1}\n[", /line 2, column 1/],
    ];
    for (const [src, re] of cases) {
      expect(() => p(src), JSON.stringify(src)).toThrow(re);
    }
    expect(() => p("[1 2]")).toThrow(PythonLiteralError);
  });
});

describe("parseXml", () => {
  it("reads elements, attributes (both quotes, multi-line), text and self-closing tags", () => {
    const doc = parseXml(`<?xml version="1.0" encoding="UTF-8"?>
<!-- c --><!DOCTYPE x>
<document id="d1">
  <sentence id="s0" text="A &amp; B &lt;5&gt; &quot;q&quot; &apos;a&apos; &#xa;&#65;">
    <entity id="e0" charOffset="0-0"
        type='drug' text="A"/>
  </sentence>
  <sentence id="s1" text="none"/>
  <note>plain <![CDATA[<raw>]]> text</note>
</document>`);
    expect(doc.name).toBe("document");
    expect(doc.attrs).toEqual({ id: "d1" });
    expect(doc.children.map((c) => c.name)).toEqual(["sentence", "sentence", "note"]);
    expect(doc.children[0]!.attrs.text).toBe(`A & B <5> "q" 'a' \nA`);
    expect(doc.children[0]!.children[0]!.attrs).toEqual({ id: "e0", charOffset: "0-0", type: "drug", text: "A" });
    expect(doc.children[1]!.children).toEqual([]);
    expect(doc.children[2]!.text).toBe("plain <raw> text");
  });

  it("normalises literal newlines in attribute values but keeps character references", () => {
    expect(parseXml(`<a t="x\ny&#xa;z"/>`).attrs.t).toBe("x y\nz");
  });

  it("rejects malformed documents", () => {
    expect(() => parseXml("<a><b></a>")).toThrow(/closing <\/a> does not match <b>/);
    expect(() => parseXml("<a>")).toThrow(/unclosed element <a>/);
    expect(() => parseXml("<a/><b/>")).toThrow(/more than one root element/);
    expect(() => parseXml(`<a x="1" x="2"/>`)).toThrow(/duplicate attribute "x"/);
    expect(() => parseXml("")).toThrow(XmlParseError);
    expect(() => decodeXmlEntities("&bogus;")).toThrow(/unknown entity "&bogus;"/);
    expect(() => decodeXmlEntities("a & b")).toThrow(/unterminated entity/);
  });
});

function npy(header: string, data: number[], version = 1): Uint8Array {
  const pre = version === 1 ? 10 : 12;
  let h = header;
  while ((pre + h.length + 1) % 64 !== 0) h += " ";
  h += "\n";
  const out = new Uint8Array(pre + h.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, h.length, true);
  else view.setUint32(8, h.length, true);
  out.set(new TextEncoder().encode(h), pre);
  out.set(data, pre + h.length);
  return out;
}

describe("parseNpy", () => {
  it("reads uint8 arrays of format versions 1 and 2", () => {
    const a = parseNpy(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), }", [1, 2, 3, 4, 5, 6]));
    expect(a.shape).toEqual([2, 3]);
    expect([...a.data]).toEqual([1, 2, 3, 4, 5, 6]);
    const b = parseNpy(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", [7, 8, 9], 2));
    expect(b.shape).toEqual([3]);
    expect([...b.data]).toEqual([7, 8, 9]);
  });

  it("rejects other dtypes, Fortran order, bad sizes and non-npy input", () => {
    expect(() => parseNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", [0, 0, 0, 0]), "x.npy")).toThrow(
      "x.npy: dtype <f4 is not supported (only uint8)",
    );
    expect(() => parseNpy(npy("{'descr': '|u1', 'fortran_order': True, 'shape': (1,), }", [0]))).toThrow(/Fortran-ordered/);
    expect(() => parseNpy(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2), }", [1, 2, 3]), "y.npy")).toThrow(
      "y.npy: 3 data bytes for shape (2, 2), expected 4",
    );
    expect(() => parseNpy(new Uint8Array(20), "z.npy")).toThrow("z.npy: not a .npy file (bad magic)");
  });
});

describe("jsonTopLevelKeys", () => {
  it("returns top-level keys in file order, skipping nested keys and string contents", () => {
    const text = '{"30": {"a": 1, "b": [{"c": 2}]}, "2": "x, \\"y\\": {", "10": [1, {"d": 3}], "k\\"ey": null}';
    expect(Object.keys(JSON.parse(text))).toEqual(["2", "10", "30", 'k"ey']);
    expect(jsonTopLevelKeys(text)).toEqual(["30", "2", "10", 'k"ey']);
    expect(jsonTopLevelKeys("[1, 2]")).toEqual([]);
    expect(jsonTopLevelKeys("{}")).toEqual([]);
  });
});
