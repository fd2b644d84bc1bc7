import type { GraphQLContext } from '../context.js';

/**
 * A type other subgraphs may reference: the field of its `@key`, and how a reference (the key
 * value a gateway sends) becomes our record, or null when it names nothing. Every lookup goes
 * through the request's batch loaders, so a gateway resolving 100 references of a type costs
 * one query for that type.
 */
export interface EntityReference {
  key: string;
  resolve(keyValue: string, context: GraphQLContext): Promise<unknown>;
}

/** Our federation entities by type name; the subgraph schema puts `@key(fields: key)` on each. */
export const ENTITY_REFERENCES: Record<'Country' | 'Role' | 'MarketSnapshot', EntityReference> = {
  Country: { key: 'code', resolve: (code, { services }) => services.catalog.country(code) },
  Role: { key: 'slug', resolve: (slug, { services }) => services.catalog.role(slug) },
  // The key is the global id clients see in MarketSnapshot.id, not the database id.
  MarketSnapshot: {
    key: 'id',
    async resolve(id, { services }) {
      const found = await services.nodes.node(id);
      return found?.kind === 'MarketSnapshot' ? found.record : null;
    },
  },
};
