// Drives the StoreBooks emulator's accounting API with node-quickbooks: creates an Inventory item, finds it by Sku,
// sells it on a SalesReceipt, reads its QtyOnHand, and provokes QBO's 6240 (duplicate name) and 6270 (sale dated
// before the item's inventory start date) faults.
// Input: STOREBOOKS_EMULATOR_URL (e.g. http://127.0.0.1:5055/). Output: one JSON object on stdout.
'use strict';
const QuickBooks = require('node-quickbooks');

const base = process.env.STOREBOOKS_EMULATOR_URL;
if (!base) {
  console.error('Set STOREBOOKS_EMULATOR_URL to the emulator base URL, e.g. http://127.0.0.1:5055/');
  process.exit(2);
}

QuickBooks.V3_ENDPOINT_BASE_URL = `${base}v3/company/`;
QuickBooks.TOKEN_URL = `${base}oauth2/v1/tokens/bearer`;
QuickBooks.REVOKE_URL = `${base}v2/oauth2/tokens/revoke`;

// node-quickbooks methods take a node-style callback (err, body); resolve either way.
function call(qbo, method, ...args) {
  return new Promise((resolve) => {
    qbo[method](...args, (err, body) => resolve({ err, body }));
  });
}

function faultCode(err) {
  const body = err && err.response ? err.response.data : err;
  const fault = body && (body.Fault || body.fault);
  const errors = fault && (fault.Error || fault.error);
  return errors && errors.length ? String(errors[0].code) : null;
}

function failIfError(step, result) {
  if (result.err) {
    const body = result.err.response ? result.err.response.data : result.err;
    throw new Error(`${step} failed: ${JSON.stringify(body)}`);
  }
  return result.body;
}

function isoDate(daysFromToday) {
  const d = new Date(Date.now() + daysFromToday * 86400000);
  return d.toISOString().slice(0, 10);
}

async function main() {
  const realms = await (await fetch(`${base}emulator/qbo/realms`)).json();
  const realmId = realms.defaultRealmId;
  const tokens = await (await fetch(`${base}emulator/qbo/${realmId}/tokens`, { method: 'POST' })).json();
  const qbo = new QuickBooks('demo-client', 'demo-secret', tokens.access_token, false, realmId, true, false, 75, '2.0', tokens.refresh_token);

  const accounts = failIfError('findAccounts', await call(qbo, 'findAccounts', { fetchAll: true })).QueryResponse.Account;
  const income = accounts.find((a) => a.AccountType === 'Income');
  const cogs = accounts.find((a) => a.AccountType === 'Cost of Goods Sold');
  const asset = accounts.find((a) => a.AccountType === 'Other Current Asset' && a.AccountSubType === 'Inventory')
    || accounts.find((a) => a.AccountType === 'Other Current Asset');

  const sku = `SB-${process.pid}`;
  const name = `StoreBooks Widget ${process.pid}`;
  const item = {
    Name: name,
    Sku: sku,
    Type: 'Inventory',
    TrackQtyOnHand: true,
    QtyOnHand: 10,
    InvStartDate: isoDate(-30),
    UnitPrice: 25,
    IncomeAccountRef: { value: income.Id },
    ExpenseAccountRef: { value: cogs.Id },
    AssetAccountRef: { value: asset.Id },
  };
  // create/get callbacks receive the entity itself, queries the whole QueryResponse envelope.
  const created = failIfError('createItem', await call(qbo, 'createItem', item));

  const found = failIfError('findItems', await call(qbo, 'findItems', { Sku: sku })).QueryResponse.Item || [];

  const saleLine = (qty) => ({
    Amount: 25 * qty,
    DetailType: 'SalesItemLineDetail',
    SalesItemLineDetail: { ItemRef: { value: created.Id, name }, Qty: qty, UnitPrice: 25 },
  });
  const receipt = failIfError('createSalesReceipt', await call(qbo, 'createSalesReceipt', { TxnDate: isoDate(0), Line: [saleLine(2)] }));

  const afterSale = failIfError('getItem', await call(qbo, 'getItem', created.Id));

  const duplicate = await call(qbo, 'createItem', { ...item, Sku: `${sku}-2` });
  const beforeStart = await call(qbo, 'createSalesReceipt', { TxnDate: isoDate(-60), Line: [saleLine(1)] });

  process.stdout.write(JSON.stringify({
    realmId,
    itemId: created.Id,
    itemType: created.Type,
    foundBySku: found.map((i) => i.Id),
    salesReceiptId: receipt.Id,
    salesReceiptTotal: receipt.TotalAmt,
    qtyOnHandAfterSale: afterSale.QtyOnHand,
    duplicateNameCode: faultCode(duplicate.err),
    saleBeforeStartDateCode: faultCode(beforeStart.err),
  }));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
