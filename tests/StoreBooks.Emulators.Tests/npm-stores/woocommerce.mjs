// Drives the WooCommerce emulator with WooCommerce's official @woocommerce/woocommerce-rest-api over http://
// (so the client signs every request with OAuth 1.0a HMAC-SHA256). Prints one JSON object for the xunit test.
import pkg from '@woocommerce/woocommerce-rest-api';

const WooCommerceRestApi = pkg.default ?? pkg;
const url = `http://127.0.0.1:${process.env.EMULATOR_PORT}`;
const woo = new WooCommerceRestApi({ url, consumerKey: 'ck_demo', consumerSecret: 'cs_demo', version: 'wc/v3' });
const result = {};

let page = 1;
let totalPages = 1;
let orders = 0;
do {
  const response = await woo.get('orders', { per_page: 10, page, orderby: 'id', order: 'asc' });
  orders += response.data.length;
  totalPages = Number(response.headers['x-wp-totalpages']);
  result.total = Number(response.headers['x-wp-total']);
  page += 1;
} while (page <= totalPages);
result.orders = orders;
result.pages = totalPages;

const modified = await woo.get('orders', { modified_after: '2000-01-01T00:00:00', per_page: 1 });
result.modifiedAfterTotal = Number(modified.headers['x-wp-total']);
const products = await woo.get('products', { per_page: 100 });
result.products = products.data.length;
const variable = products.data.find((p) => p.type === 'variable');
const variations = await woo.get(`products/${variable.id}/variations`);
result.variations = variations.data.length;

const wrong = new WooCommerceRestApi({ url, consumerKey: 'ck_demo', consumerSecret: 'not-the-secret', version: 'wc/v3' });
try {
  await wrong.get('orders');
  result.wrongSecret = 'accepted';
} catch (error) {
  result.wrongSecret = { status: error.response?.status, code: error.response?.data?.code, message: error.response?.data?.message };
}

console.log(JSON.stringify(result));
