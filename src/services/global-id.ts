/** The kinds of object a global id can name. */
export type NodeKind = 'Country' | 'Role' | 'MarketSnapshot';

const KINDS: ReadonlySet<string> = new Set<NodeKind>(['Country', 'Role', 'MarketSnapshot']);

/** Opaque, stable id: base64url of "Kind:key" (the key is a country code, role slug or snapshot id). */
export function toGlobalId(kind: NodeKind, key: string | number): string {
  return Buffer.from(`${kind}:${key}`).toString('base64url');
}

/** Splits a global id into kind and key; null when it is not one of ours. */
export function fromGlobalId(id: string): { kind: NodeKind; key: string } | null {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 1) return null;
  const kind = decoded.slice(0, separator);
  const key = decoded.slice(separator + 1);
  if (!KINDS.has(kind) || !key || toGlobalId(kind as NodeKind, key) !== id) return null;
  return { kind: kind as NodeKind, key };
}
