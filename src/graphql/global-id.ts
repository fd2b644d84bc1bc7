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
  // No key holds a NUL character (PostgreSQL text cannot), so an id encoding one names nothing.
  if (!KINDS.has(kind) || !key || key.includes('\0') || toGlobalId(kind as NodeKind, key) !== id) return null;
  return { kind: kind as NodeKind, key };
}
