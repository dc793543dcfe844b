/**
 * A small XML reader for attribute-centred corpora such as DDI 2013: elements, attributes,
 * text, comments, CDATA, processing instructions and DOCTYPE (skipped), the five named
 * entities and numeric character references. No namespaces handling, no DTD entities, no
 * validation beyond well-formed nesting. Errors give the offset.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside this element (not its children's). */
  text: string;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export class XmlParseError extends Error {
  constructor(
    readonly detail: string,
    readonly offset: number,
  ) {
    super(`XML: ${detail} at offset ${offset}`);
    this.name = "XmlParseError";
  }
}

export function decodeXmlEntities(s: string, offset = 0): string {
  if (!s.includes("&")) return s;
  return s.replace(/&([^;\s&]*);?/g, (whole, body: string, at: number) => {
    if (!whole.endsWith(";")) throw new XmlParseError(`unterminated entity "${whole}"`, offset + at);
    if (body.startsWith("#x") || body.startsWith("#X")) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(parseInt(body.slice(1), 10));
    const v = NAMED[body];
    if (v === undefined) throw new XmlParseError(`unknown entity "&${body};"`, offset + at);
    return v;
  });
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ATTR = /\s*([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/y;

/** Parses a document and returns its root element. */
export function parseXml(src: string): XmlElement {
  let pos = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;

  const skipTo = (end: string, what: string): void => {
    const i = src.indexOf(end, pos);
    if (i < 0) throw new XmlParseError(`unterminated ${what}`, pos);
    pos = i + end.length;
  };

  while (pos < src.length) {
    const lt = src.indexOf("<", pos);
    const textEnd = lt < 0 ? src.length : lt;
    if (textEnd > pos) {
      const text = src.slice(pos, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.text += decodeXmlEntities(text, pos);
      else if (text.trim() !== "") throw new XmlParseError("text outside the root element", pos);
      pos = textEnd;
      if (lt < 0) break;
    }
    if (src.startsWith("<?", pos)) skipTo("?>", "processing instruction");
    else if (src.startsWith("<!--", pos)) skipTo("-->", "comment");
    else if (src.startsWith("<![CDATA[", pos)) {
      const start = pos + 9;
      skipTo("]]>", "CDATA section");
      const top = stack[stack.length - 1];
      if (!top) throw new XmlParseError("CDATA outside the root element", start);
      top.text += src.slice(start, pos - 3);
    } else if (src.startsWith("<!", pos)) skipTo(">", "declaration");
    else if (src.startsWith("</", pos)) {
      NAME.lastIndex = pos + 2;
      const m = NAME.exec(src);
      if (!m) throw new XmlParseError("bad closing tag", pos);
      const open = stack.pop();
      if (!open || open.name !== m[0]) throw new XmlParseError(`closing </${m[0]}> does not match <${open?.name ?? "nothing"}>`, pos);
      pos = NAME.lastIndex;
      while (/\s/.test(src[pos] ?? "")) pos++;
      if (src[pos] !== ">") throw new XmlParseError(`expected '>' to close </${m[0]}>`, pos);
      pos++;
    } else {
      NAME.lastIndex = pos + 1;
      const m = NAME.exec(src);
      if (!m) throw new XmlParseError("bad tag name", pos);
      const el: XmlElement = { name: m[0], attrs: {}, children: [], text: "" };
      pos = NAME.lastIndex;
      for (;;) {
        ATTR.lastIndex = pos;
        const a = ATTR.exec(src);
        if (!a) break;
        if (a[1]! in el.attrs) throw new XmlParseError(`duplicate attribute "${a[1]}"`, pos);
        // Attribute-value normalisation (XML 1.0 3.3.3): literal whitespace becomes a space;
        // only character references (&#xa;) keep newlines.
        el.attrs[a[1]!] = decodeXmlEntities((a[3] ?? a[4] ?? "").replace(/[\t\n\r]/g, " "), pos);
        pos = ATTR.lastIndex;
      }
      while (/\s/.test(src[pos] ?? "")) pos++;
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) throw new XmlParseError("more than one root element", pos);
      else root = el;
      if (src.startsWith("/>", pos)) pos += 2;
      else if (src[pos] === ">") {
        pos++;
        stack.push(el);
      } else throw new XmlParseError(`malformed tag <${el.name}>`, pos);
    }
  }
  if (stack.length > 0) throw new XmlParseError(`unclosed element <${stack[stack.length - 1]!.name}>`, src.length);
  if (!root) throw new XmlParseError("no root element", 0);
  return root;
}
