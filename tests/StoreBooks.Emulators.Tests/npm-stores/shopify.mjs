// Drives the Shopify emulator with Shopify's official @shopify/admin-api-client (REST and GraphQL) and with
// shopify-api-node, pointed at http://127.0.0.1:$EMULATOR_PORT. Prints one JSON object for the xunit test to assert on.
import { createAdminRestApiClient, createAdminApiClient } from '@shopify/admin-api-client';
import Shopify from 'shopify-api-node';

const port = process.env.EMULATOR_PORT;
const host = `127.0.0.1:${port}`;
const result = {};

const rest = createAdminRestApiClient({ storeDomain: host, scheme: 'http', apiVersion: '2025-07', accessToken: 'demo-token', isTesting: true });
let pageInfo;
let restOrders = 0;
let restPages = 0;
do {
  const searchParams = pageInfo ? { limit: 10, page_info: pageInfo } : { limit: 10, status: 'any' };
  const response = await rest.get('orders', { searchParams });
  const body = await response.json();
  restOrders += body.orders.length;
  restPages += 1;
  result.callLimit = response.headers.get('x-shopify-shop-api-call-limit');
  const link = response.headers.get('link') ?? '';
  const next = /<[^>]*page_info=([^&>]+)[^>]*>; rel="next"/.exec(link);
  pageInfo = next ? next[1] : undefined;
} while (pageInfo);
result.restOrders = restOrders;
result.restPages = restPages;

const graphql = createAdminApiClient({
  storeDomain: 'emu-shop.myshopify.com',
  apiVersion: '2025-07',
  accessToken: 'demo-token',
  isTesting: true,
  customFetchApi: (url, init) => fetch(url.replace('https://emu-shop.myshopify.com', `http://${host}`), init),
});
const query = `query Products($after: String) {
  products(first: 5, after: $after) {
    edges { cursor node { id title handle status variants(first: 10) { nodes { id sku price inventoryItem { id tracked unitCost { amount currencyCode } } selectedOptions { name value } } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
let after = null;
const skus = [];
let products = 0;
do {
  const { data, errors, extensions } = await graphql.request(query, { variables: { after } });
  if (errors) throw new Error(JSON.stringify(errors));
  products += data.products.edges.length;
  for (const edge of data.products.edges) for (const v of edge.node.variants.nodes) skus.push(v.sku);
  result.throttleStatus = extensions.cost.throttleStatus;
  after = data.products.pageInfo.hasNextPage ? data.products.pageInfo.endCursor : null;
} while (after);
result.graphqlProducts = products;
result.graphqlSkus = skus.length;
const bad = await graphql.request('{ products(first: 1) { nodes { id notAField } } }');
result.unknownFieldError = bad.errors?.graphQLErrors?.[0]?.message ?? bad.errors?.message;

const node = new Shopify({ shopName: 'emu-shop', accessToken: 'demo-token', apiVersion: '2025-07' });
node.baseUrl = { protocol: 'http:', hostname: '127.0.0.1', port: Number(port) };
let params = { limit: 25, status: 'any' };
let nodeOrders = 0;
while (params) {
  const orders = await node.order.list(params);
  nodeOrders += orders.length;
  params = orders.nextPageParameters;
}
result.nodeOrders = nodeOrders;
result.nodeCallLimits = node.callLimits;
result.nodeCount = await node.order.count({ status: 'any' });
const gql = await node.graphql('{ productVariants(first: 3, query: "sku:HB-250") { nodes { sku price } } }');
result.nodeGraphqlSku = gql.productVariants.nodes[0]?.sku;

console.log(JSON.stringify(result));
