/**
 * XML in and out for the Route 53 API (REST-XML, namespace 2013-04-01).
 *
 * In: fast-xml-parser with every value kept as a string and list items always arrays; any
 * DOCTYPE or entity declaration is refused before parsing (Route 53 bodies never have one).
 * Out: a small builder that writes elements in the order given, escaping text.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { apiError } from './errors.ts';

export const NAMESPACE = 'https://route53.amazonaws.com/doc/2013-04-01/';

/** Element names that are list items in Route 53 requests: always parsed as arrays. */
const LIST_ITEMS = new Set(['Change', 'ResourceRecord', 'Tag', 'Key', 'ResourceId', 'NameServer', 'VPC', 'Region', 'ChildHealthCheck']);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  removeNSPrefix: true,
  isArray: (name) => LIST_ITEMS.has(name),
});

/** A parsed element: text, or child elements by name (lists as arrays). */
export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] };

/** Parses a request body whose root must be `root`; returns the root's content. */
export function parseRequest(body: string, root: string): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) throw apiError('InvalidInput', 'Invalid XML ; DOCTYPE and entity declarations are not allowed');
  // Characters XML 1.0 does not allow anywhere (2.2): refused, never stored, never echoed.
  const bad = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/.exec(body);
  if (bad) throw apiError('InvalidInput', `Invalid XML ; the character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`);
  // Only the five predefined entities exist without a DTD; any other reference is not XML.
  const undeclared = /&(?!(?:lt|gt|amp|apos|quot);|#x[0-9a-fA-F]+;|#[0-9]+;)([^;\s<]{0,20};?)/.exec(body);
  if (undeclared) throw apiError('InvalidInput', `Invalid XML ; the entity reference "&${undeclared[1]}" is not declared`);
  const decoded = decodeCharacterReferences(body);
  const valid = XMLValidator.validate(decoded);
  if (valid !== true) throw apiError('InvalidInput', `Invalid XML ; ${validatorMessage(valid.err.msg)} (line ${valid.err.line})`);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(decoded) as Record<string, unknown>;
  } catch (err) {
    throw apiError('InvalidInput', `Invalid XML ; ${(err as Error).message}`);
  }
  const names = Object.keys(doc);
  if (names.length !== 1 || names[0] !== root) {
    throw apiError('InvalidInput', `Invalid XML ; expected the root element ${root}, found ${names.join(', ') || 'none'}`);
  }
  const xmlns = new RegExp(`<${root}(\\s[^>]*)?>`).exec(decoded)?.[1] ?? '';
  const ns = /xmlns\s*=\s*["']([^"']*)["']/.exec(xmlns)?.[1];
  if (ns !== NAMESPACE) throw apiError('InvalidInput', `Invalid XML ; the root element must be in the namespace ${NAMESPACE}`);
  const content = doc[root];
  return typeof content === 'object' && content !== null ? (content as Record<string, unknown>) : {};
}

/**
 * Returns the validator's message fit to show: a document cut short is reported with the text
 * of Route 53's (Java) parser instead of the validator's dump of its open-element stack.
 */
function validatorMessage(msg: string): string {
  if (/^Invalid '\[|^Unclosed tag/.test(msg)) return 'XML document structures must start and end within the same entity.';
  if (/[\[\]\n]/.test(msg)) return 'The document is not well-formed.';
  return msg;
}

/**
 * Replaces numeric character references (&#10; &#x0A;) by the characters they stand for, before
 * parsing (the parser leaves them alone). The five markup characters become their predefined
 * entities again, so the parser still sees text; references to characters XML forbids fail.
 */
function decodeCharacterReferences(body: string): string {
  return body.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (ref, num: string) => {
    const cp = num.startsWith('x') ? parseInt(num.slice(1), 16) : parseInt(num, 10);
    const allowed = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
    if (!allowed) throw apiError('InvalidInput', `Invalid XML ; the character reference ${ref} is not an XML character`);
    const ch = String.fromCodePoint(cp);
    return ch === '<' ? '&lt;' : ch === '&' ? '&amp;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : ch === "'" ? '&apos;' : ch;
  });
}

/** Checks that `node` (at `path`) has only the child elements `allowed`; InvalidInput otherwise. */
export function onlyElements(node: unknown, allowed: readonly string[], path: string): Record<string, unknown> {
  if (node === undefined || node === '') return {};
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    throw apiError('InvalidInput', `Invalid XML ; ${path} must contain elements`);
  }
  for (const name of Object.keys(node)) {
    if (!allowed.includes(name)) {
      throw apiError('InvalidInput', `Invalid XML ; cvc-complex-type.2.4.a: Invalid content was found starting with element '${name}' in ${path}`);
    }
  }
  return node as Record<string, unknown>;
}

/** Returns the text of a child element, or undefined; InvalidInput when it is not text. */
export function text(node: Record<string, unknown>, name: string, path: string): string | undefined {
  const v = node[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw apiError('InvalidInput', `Invalid XML ; ${path}/${name} must be text`);
  return v;
}

/** Returns the text of a required child element; InvalidInput when missing. */
export function requiredText(node: Record<string, unknown>, name: string, path: string): string {
  const v = text(node, name, path);
  if (v === undefined) throw apiError('InvalidInput', `Invalid XML ; cvc-complex-type.2.4.b: The content of element '${path}' is not complete. '${name}' is expected.`);
  return v;
}

/** Returns the items of a wrapped list (`<Wrapper><Item/>…</Wrapper>`). */
export function listItems(node: Record<string, unknown>, wrapper: string, item: string, path: string): unknown[] {
  const w = node[wrapper];
  if (w === undefined) return [];
  const inner = onlyElements(w, [item], `${path}/${wrapper}`);
  const items = inner[item];
  return Array.isArray(items) ? items : items === undefined ? [] : [items];
}

/** A value to write: text, nested elements in order, or nothing (omitted). */
export type Out = string | number | boolean | undefined | null | OutElement[] ;
export type OutElement = [name: string, value: Out];

/** Escapes text for an element; characters XML cannot carry at all become `\uXXXX` text. */
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function write(name: string, value: Out): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return `<${name}>${value.map(([n, v]) => write(n, v)).join('')}</${name}>`;
  return `<${name}>${escapeText(String(value))}</${name}>`;
}

/** Returns elements as XML text, in order (for documents in another namespace, e.g. EC2's). */
export function xmlElements(children: OutElement[]): string {
  return children.map(([n, v]) => write(n, v)).join('');
}

/** Returns a whole response document: declaration, root element with the namespace. */
export function xmlDocument(root: string, children: OutElement[]): string {
  const inner = children.map(([n, v]) => write(n, v)).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NAMESPACE}">${inner}</${root}>`;
}

/** Returns `items` as `[item, value]` elements for a wrapper. */
export function listOf(item: string, values: Out[]): OutElement[] {
  return values.map((v) => [item, v] as OutElement);
}
