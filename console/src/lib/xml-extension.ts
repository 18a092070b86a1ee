/**
 * Finds what a Signpost response carries beyond Route 53's shape (e.g. the explanation beside
 * TestDNSAnswer's result) and turns it into a plain tree for display, whatever its layout.
 */

export type Tree = { name: string; text: string; children: Tree[] };

function toTree(el: Element): Tree {
  const children = [...el.children].map(toTree);
  return { name: el.localName, text: children.length ? '' : (el.textContent ?? '').trim(), children };
}

/** Returns the root's child elements whose names are not in `standard`, as trees. */
export function extensionElements(xml: string, standard: readonly string[]): Tree[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return [];
  const known = new Set(standard);
  return [...doc.documentElement.children].filter((c) => !known.has(c.localName)).map(toTree);
}

/** Returns a label from an element name: "CandidateRecords" -> "Candidate records". */
export function labelOf(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
