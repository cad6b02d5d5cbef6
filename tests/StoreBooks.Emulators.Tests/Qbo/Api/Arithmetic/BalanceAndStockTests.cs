using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Qbo.Api.Rules;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Arithmetic.TaxArithmeticTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Conformance.RecordedSandboxTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Rules.TransactionRuleTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Arithmetic;

/// <summary>Invoice and customer balances under payments and credit memos; QtyOnHand under sales, returns, edits, voids and deletes.</summary>
public sealed class BalanceAndStockTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    [Fact]
    public async Task Invoice_balance_follows_its_payments_with_links_both_ways()
    {
        using var api = emulator.Us();
        var customer = await api.Create("Customer", J("{`DisplayName`:`Payer`}"));
        var invoice = await Invoice(api, customer, 200m);

        var first = await Pay(api, customer, 50m, (invoice, 50m));
        Assert.Equal(150m, await Balance(api, "Invoice", invoice));
        var second = await Pay(api, customer, 150m, (invoice, 150m));
        Assert.Equal(0m, await Balance(api, "Invoice", invoice));
        Assert.Equal(0m, await Balance(api, "Customer", customer));

        var links = (await api.Read("Invoice", Id(invoice)))["LinkedTxn"]!.AsArray().Select(l => l!["TxnId"]!.GetValue<string>()).ToArray();
        Assert.Equal([Id(first), Id(second)], links);

        (await api.Post("payment?operation=delete", J($"{{`Id`:`{Id(first)}`,`SyncToken`:`0`}}"))).AssertOk("Payment");
        Assert.Equal(50m, await Balance(api, "Invoice", invoice));
        (await api.Post("payment?operation=update&include=void", J($"{{`Id`:`{Id(second)}`,`SyncToken`:`0`,`sparse`:true}}"))).AssertOk("Payment");
        Assert.Equal(200m, await Balance(api, "Invoice", invoice));
        Assert.Equal(200m, await Balance(api, "Customer", customer));
        Assert.Empty((await api.Read("Invoice", Id(invoice)))["LinkedTxn"]!.AsArray());
    }

    [Fact]
    public async Task Updating_a_payment_moves_the_invoice_balance_by_the_difference()
    {
        using var api = emulator.Us();
        var customer = await api.Create("Customer", J("{`DisplayName`:`Changer`}"));
        var invoice = await Invoice(api, customer, 100m);
        var payment = await Pay(api, customer, 50m, (invoice, 50m));

        var full = PaymentBody(customer, 90m, (invoice, 80m));
        full["Id"] = Id(payment);
        full["SyncToken"] = "0";
        var updated = (await api.Post("payment", full)).AssertOk("Payment");

        Assert.Equal(10m, Dec(updated["UnappliedAmt"]));
        Assert.Equal(20m, await Balance(api, "Invoice", invoice));
        Assert.Equal(10m, await Balance(api, "Customer", customer));
        var open = updated["Line"]![0]!["LineEx"]!["any"]!.AsArray().Single(a => a!["value"]!["Name"]!.GetValue<string>() == "txnOpenBalance")!;
        Assert.Equal("100.00", open["value"]!["Value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_payment_can_apply_a_credit_memo_to_an_invoice()
    {
        using var api = emulator.Us();
        var customer = await api.Create("Customer", J("{`DisplayName`:`Credit`}"));
        var invoice = await Invoice(api, customer, 100m);
        var credit = await api.Create("CreditMemo", Form(customer, 30m));
        Assert.Equal(70m, await Balance(api, "Customer", customer));

        var payment = await Pay(api, customer, 70m, (invoice, 100m), (credit, 30m));

        Assert.Equal(0m, Dec(payment["UnappliedAmt"]));
        Assert.Equal(0m, await Balance(api, "Invoice", invoice));
        var memo = await api.Read("CreditMemo", Id(credit));
        Assert.Equal(0m, Dec(memo["RemainingCredit"]));
        Assert.Equal(0m, await Balance(api, "Customer", customer));
    }

    [Fact]
    public async Task Over_application_is_refused_and_an_unapplied_remainder_lowers_the_customer_balance()
    {
        using var api = emulator.Us();
        var customer = await api.Create("Customer", J("{`DisplayName`:`Over`}"));
        var invoice = await Invoice(api, customer, 40m);

        (await api.Post("payment", PaymentBody(customer, 60m, (invoice, 50m)))).AssertFault(HttpStatusCode.BadRequest, "6000", "A business validation error has occurred while processing your request");
        (await api.Post("payment", PaymentBody(customer, 30m, (invoice, 40m)))).AssertFault(HttpStatusCode.BadRequest, "6000", "A business validation error has occurred while processing your request");

        var payment = await Pay(api, customer, 60m, (invoice, 40m));
        Assert.Equal(20m, Dec(payment["UnappliedAmt"]));
        Assert.Equal(-20m, await Balance(api, "Customer", customer));
    }

    [Fact]
    public async Task An_invoice_with_payments_cannot_be_deleted_or_lowered_below_what_was_paid()
    {
        using var api = emulator.Us();
        var customer = await api.Create("Customer", J("{`DisplayName`:`Paid`}"));
        var invoice = await Invoice(api, customer, 100m);
        await Pay(api, customer, 60m, (invoice, 60m));
        invoice = await api.Read("Invoice", Id(invoice));

        (await api.Post("invoice?operation=delete", J($"{{`Id`:`{Id(invoice)}`,`SyncToken`:`{invoice["SyncToken"]}`}}"))).AssertFault(HttpStatusCode.BadRequest, "6000", "A business validation error has occurred while processing your request");
        var lower = Sparse(invoice, new JsonObject { ["Line"] = new JsonArray(Line(50m, "1")) });
        (await api.Post("invoice", lower)).AssertFault(HttpStatusCode.BadRequest, "6000", "A business validation error has occurred while processing your request");

        var higher = Sparse(invoice, new JsonObject { ["Line"] = new JsonArray(Line(150m, "1")) });
        var updated = (await api.Post("invoice", higher)).AssertOk("Invoice");
        Assert.Equal(90m, Dec(updated["Balance"]));
        Assert.Single(updated["LinkedTxn"]!.AsArray());
    }

    [Fact]
    public async Task Quantity_on_hand_follows_sales_returns_edits_voids_and_deletes()
    {
        using var api = emulator.Us();
        var item = await api.Create("Item", await ItemRuleTests.Inventory(api, "Lamp", 10, "2026-01-01"));
        var itemId = Id(item);
        var customer = await api.Create("Customer", J("{`DisplayName`:`Lamp buyer`}"));

        var receipt = await api.Create("SalesReceipt", Receipt(Line(60m, itemId, qty: 3, price: 20)));
        Assert.Equal(7m, await Qty(api, itemId));
        var invoice = await api.Create("Invoice", WithCustomer(customer, Receipt(Line(40m, itemId, qty: 2, price: 20))));
        Assert.Equal(5m, await Qty(api, itemId));
        await api.Create("RefundReceipt", WithDeposit(await Seed.AccountId(api, "Checking"), Receipt(Line(20m, itemId, qty: 1, price: 20))));
        Assert.Equal(6m, await Qty(api, itemId));
        await api.Create("CreditMemo", WithCustomer(customer, Receipt(Line(20m, itemId, qty: 1, price: 20))));
        Assert.Equal(7m, await Qty(api, itemId));

        var edited = (await api.Post("salesreceipt", Sparse(receipt, new JsonObject { ["Line"] = new JsonArray(Line(80m, itemId, qty: 4, price: 20)) }))).AssertOk("SalesReceipt");
        Assert.Equal(6m, await Qty(api, itemId));
        (await api.Post("invoice?operation=void", J($"{{`Id`:`{Id(invoice)}`,`SyncToken`:`0`}}"))).AssertOk("Invoice");
        Assert.Equal(8m, await Qty(api, itemId));
        (await api.Post("salesreceipt?operation=delete", J($"{{`Id`:`{Id(receipt)}`,`SyncToken`:`{edited["SyncToken"]}`}}"))).AssertOk("SalesReceipt");
        Assert.Equal(12m, await Qty(api, itemId));

        await api.Create("SalesReceipt", Receipt(Line(300m, itemId, qty: 15, price: 20)));
        Assert.Equal(-3m, await Qty(api, itemId));
        Assert.Equal("0", (await api.Read("Item", itemId))["SyncToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task Estimates_do_not_move_stock_and_invoices_close_the_estimates_they_link()
    {
        using var api = emulator.Us();
        var item = await api.Create("Item", await ItemRuleTests.Inventory(api, "Chair", 4, "2026-01-01"));
        var customer = await api.Create("Customer", J("{`DisplayName`:`Chair buyer`}"));
        var estimate = await api.Create("Estimate", WithCustomer(customer, Receipt(Line(40m, Id(item), qty: 2, price: 20))));
        Assert.Equal(4m, await Qty(api, Id(item)));
        Assert.Equal("Pending", estimate["TxnStatus"]!.GetValue<string>());

        var invoice = WithCustomer(customer, Receipt(Line(40m, Id(item), qty: 2, price: 20)));
        invoice["LinkedTxn"] = new JsonArray(J($"{{`TxnId`:`{Id(estimate)}`,`TxnType`:`Estimate`}}"));
        var created = await api.Create("Invoice", invoice);

        var closed = await api.Read("Estimate", Id(estimate));
        Assert.Equal("Closed", closed["TxnStatus"]!.GetValue<string>());
        Assert.Equal(Id(created), closed["LinkedTxn"]![0]!["TxnId"]!.GetValue<string>());
        Assert.Equal(2m, await Qty(api, Id(item)));
    }

    internal static string Id(JsonObject entity) => entity["Id"]!.GetValue<string>();

    private static JsonObject WithCustomer(JsonObject customer, JsonObject form)
    {
        form["CustomerRef"] = J($"{{`value`:`{Id(customer)}`}}");
        return form;
    }

    private static JsonObject WithDeposit(string account, JsonObject form)
    {
        form["DepositToAccountRef"] = J($"{{`value`:`{account}`}}");
        return form;
    }

    private static JsonObject Form(JsonObject customer, decimal amount) => WithCustomer(customer, Receipt(Line(amount, "1")));

    private static Task<JsonObject> Invoice(QboApi api, JsonObject customer, decimal amount) => api.Create("Invoice", Form(customer, amount));

    private static JsonObject PaymentBody(JsonObject customer, decimal total, params (JsonObject Txn, decimal Amount)[] applied)
    {
        var lines = new JsonArray();
        foreach (var (txn, amount) in applied)
        {
            var type = txn["RemainingCredit"] is null ? "Invoice" : "CreditMemo";
            lines.Add(J($"{{`Amount`:{amount},`LinkedTxn`:[{{`TxnId`:`{Id(txn)}`,`TxnType`:`{type}`}}]}}"));
        }

        return new JsonObject { ["TotalAmt"] = total, ["CustomerRef"] = J($"{{`value`:`{Id(customer)}`}}"), ["Line"] = lines };
    }

    private static Task<JsonObject> Pay(QboApi api, JsonObject customer, decimal total, params (JsonObject Txn, decimal Amount)[] applied) =>
        api.Create("Payment", PaymentBody(customer, total, applied));

    private static async Task<decimal> Balance(QboApi api, string entity, JsonObject target) => Dec((await api.Read(entity, Id(target)))["Balance"]);

    private static async Task<decimal> Qty(QboApi api, string itemId) => Dec((await api.Read("Item", itemId))["QtyOnHand"]);
}
