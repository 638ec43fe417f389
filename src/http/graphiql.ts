import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The IDE's files, served from node_modules so that the page needs no other host. */
const assets: Record<string, { file: string; contentType: string }> = {
  'react.production.min.js': { file: join(packageDir('react'), 'umd/react.production.min.js'), contentType: 'text/javascript; charset=utf-8' },
  'react-dom.production.min.js': { file: join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), contentType: 'text/javascript; charset=utf-8' },
  'graphiql.min.js': { file: join(packageDir('graphiql'), 'graphiql.min.js'), contentType: 'text/javascript; charset=utf-8' },
  'graphiql.min.css': { file: join(packageDir('graphiql'), 'graphiql.min.css'), contentType: 'text/css; charset=utf-8' },
  // The explorer (a query builder: tick the fields of the schema), a plugin of GraphiQL 3.
  'plugin-explorer.umd.js': { file: join(packageDir('@graphiql/plugin-explorer'), 'dist/index.umd.js'), contentType: 'text/javascript; charset=utf-8' },
  'plugin-explorer.css': { file: join(packageDir('@graphiql/plugin-explorer'), 'dist/style.css'), contentType: 'text/css; charset=utf-8' },
};

export const ideAssetPrefix = '/ide/';

export const exampleQuery = `# Everything said about THAAD, by whom, where, and according to which article.
# Press the run button (or Ctrl-Enter) to execute.
query ThaadPositions {
  deployments(first: 5) {
    nodes {
      name
      system
      host { name isoCode }
      operator { name }
      positions(first: 20) {
        totalCount
        nodes {
          stance
          summary
          statedOn
          holders { name }
          speakers { name title }
          meeting { name city date }
          evidence { text start end article { source } }
        }
      }
    }
  }
}
`;

export function renderIdePage(endpoint: string): string {
  const config = JSON.stringify({ endpoint, query: exampleQuery }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>stancegraph · GraphiQL</title>
  <link rel="stylesheet" href="${ideAssetPrefix}graphiql.min.css">
  <link rel="stylesheet" href="${ideAssetPrefix}plugin-explorer.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading the GraphQL IDE…</div>
  <script src="${ideAssetPrefix}react.production.min.js"></script>
  <script src="${ideAssetPrefix}react-dom.production.min.js"></script>
  <script src="${ideAssetPrefix}graphiql.min.js"></script>
  <script src="${ideAssetPrefix}plugin-explorer.umd.js"></script>
  <script>
    const config = ${config};
    const fetcher = GraphiQL.createFetcher({ url: config.endpoint });
    const explorer = GraphiQLPluginExplorer.explorerPlugin();
    // shouldPersistHeaders left unset: GraphiQL's settings offer "Persist headers", off until the
    // user turns it on; then the headers (an Authorization: Bearer key) are kept in this
    // browser's localStorage across reloads.
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery: config.query, defaultEditorToolsVisibility: false, plugins: [explorer] }),
    );
  </script>
</body>
</html>
`;
}

export async function readIdeAsset(name: string): Promise<{ body: Buffer; contentType: string } | null> {
  const asset = Object.hasOwn(assets, name) ? assets[name] : undefined;
  if (!asset) return null;
  return { body: await readFile(asset.file), contentType: asset.contentType };
}
