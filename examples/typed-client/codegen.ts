import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed document nodes for the contract operations, checked against the published schema.
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: '../../contract/operations.graphql',
  generates: {
    './gql/': {
      preset: 'client',
      // ESM-style imports (./graphql.js), as Node's module resolution wants them.
      config: {
        emitLegacyCommonJSImports: false,
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { Decimal: { input: 'string', output: 'string' } },
      },
    },
  },
};

export default config;
