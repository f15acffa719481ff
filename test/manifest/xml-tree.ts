/** A small element tree over fast-xml-parser's ordered output, so tests can walk and query it. */
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };

const ATTRIBUTE_PREFIX = "@_";

function toElement(node: OrderedNode): XmlElement | undefined {
  const name = Object.keys(node).find((key) => key !== ":@");
  if (name === undefined || name === "#text" || name.startsWith("?") || name === "#comment") return undefined;
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(node[":@"] ?? {})) attributes[key.slice(ATTRIBUTE_PREFIX.length)] = String(value);
  const rawChildren = (node[name] as OrderedNode[]) ?? [];
  const children = rawChildren.map(toElement).filter((child): child is XmlElement => child !== undefined);
  const text = rawChildren
    .filter((child) => "#text" in child)
    .map((child) => String(child["#text"]))
    .join("")
    .trim();
  return { name, attributes, children, text };
}

/** Parses a document and returns its root element; throws with the parser's message if malformed. */
export function parseXml(xml: string): XmlElement {
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    throw new Error(`XML not well-formed at line ${validation.err.line}: ${validation.err.msg}`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
  });
  const roots = (parser.parse(xml) as OrderedNode[]).map(toElement).filter((e): e is XmlElement => e !== undefined);
  if (roots.length !== 1) throw new Error(`expected one root element, found ${roots.length}`);
  return roots[0];
}

/** All descendants (depth first, document order), not including `element` itself. */
export function descendants(element: XmlElement): XmlElement[] {
  return element.children.flatMap((child) => [child, ...descendants(child)]);
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The single child called `name`; throws naming the path when absent or repeated. */
export function onlyChild(element: XmlElement, name: string): XmlElement {
  const found = childrenNamed(element, name);
  if (found.length !== 1) throw new Error(`<${element.name}> has ${found.length} <${name}> children, expected 1`);
  return found[0];
}
