import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** Files of the npm packages the page runs on, served by us: no CDN, so it works in closed networks. */
const ASSETS: Record<string, string> = {
  'react.js': path.join(packageDir('react'), 'umd', 'react.production.min.js'),
  'react-dom.js': path.join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
  'graphiql.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
};

const DEFAULT_QUERY = `# paygraph: compensation market intelligence.
# Press the run button (or Ctrl-Enter) to run this query.
query Snapshot {
  marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") {
    period
    sampleSize
    confidence { level note }
    median { formatted }
    projectedMedian { formatted }
    growthDelta { percent direction }
    premiumBrackets { tier min { formatted } max { formatted } }
    skills { rank skill { name } }
  }
}
`;

/** The second tab: one role compared across countries, in one currency. */
const COMPARE_QUERY = `# Data Engineer, 2023, by median in USD, countries with at least 10 data points.
# Amounts in other currencies are converted at the rates the imported observations imply.
query CompareCountries {
  role(slug: "data-engineer") {
    title
    markets(
      filter: { period: "2023", minSampleSize: 10 }
      orderBy: [{ field: MEDIAN, direction: DESC }]
      currency: "USD"
    ) {
      totalCount
      leftOut { reason count currencyCodes }
      edges {
        median { formatted conversion { rate ratePeriod rateSampleSize } }
        node { sampleSize confidence { level } country { name } }
      }
    }
  }
}
`;

function page(assetsPath: string, endpoint: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>paygraph · GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="${assetsPath}/graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="${assetsPath}/react.js"></script>
  <script src="${assetsPath}/react-dom.js"></script>
  <script src="${assetsPath}/graphiql.js"></script>
  <script>
    const url = new URL(${JSON.stringify(endpoint)}, location.href);
    // Subscriptions go over WebSocket (graphql-ws, bundled in GraphiQL) to the same path.
    const subscriptionUrl = new URL(url);
    subscriptionUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const graphqlFetcher = GraphiQL.createFetcher({ url: url.toString(), subscriptionUrl: subscriptionUrl.toString() });
    // GraphiQL 3 keeps the previous tab's operation name after a tab switch: one the document
    // does not define is dropped, so a tab's single operation runs.
    const fetcher = (params, options) => {
      const defined = params.operationName && new RegExp('\\b(query|mutation|subscription)\\s+' + params.operationName + '\\b').test(params.query);
      return graphqlFetcher(defined || !params.operationName ? params : { ...params, operationName: undefined }, options);
    };
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultTabs: ${JSON.stringify([{ query: DEFAULT_QUERY }, { query: COMPARE_QUERY }])} }),
    );
  </script>
</body>
</html>`;
}

/** GraphiQL for a browser: `GET /graphiql`, and `GET /graphql` when the client asks for HTML. */
export function graphiqlRouter(endpoint = '/graphql'): Router {
  const router = express.Router();
  const html = page('/graphiql/assets', endpoint);
  const sendPage = (_req: express.Request, res: express.Response) => {
    res.type('html').send(html);
  };
  router.get('/graphiql', sendPage);
  router.get(endpoint, (req, res, next) => {
    if (req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html') sendPage(req, res);
    else next();
  });
  router.get('/graphiql/assets/:file', (req, res, next) => {
    const file = ASSETS[req.params.file];
    if (!file) return next();
    res.sendFile(file, { maxAge: '1d', immutable: true });
  });
  return router;
}
