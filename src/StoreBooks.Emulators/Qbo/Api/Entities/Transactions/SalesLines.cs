using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Arithmetic;
using StoreBooks.Emulators.Qbo.Api.Entities.Lists;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Transactions;

/// <summary>
/// Reads a sales form's <c>Line</c> array: DetailType (2020/2170), items (2500/610; categories and bundles refused on item
/// lines), Amount = Qty × UnitPrice (6070), US TAX/NON codes (6100) or real tax codes elsewhere, bundles expanded into
/// their components, discount lines (6090, AllowDiscount) and shipping (SHIPPING_ITEM_ID, AllowShipping).
/// SubTotal lines are read-only and dropped; QBO appends its own. Line ids: an existing line's id is kept, other
/// lines get the next free id (a resent line without Id became "6" after "5" in a real update).
/// </summary>
internal sealed class SalesLines
{
    public const string ShippingItemId = "SHIPPING_ITEM_ID";

    private static readonly string[] DetailTypes = ["SalesItemLineDetail", "GroupLineDetail", "DescriptionOnly", "DiscountLineDetail", "SubTotalLineDetail"];

    private readonly WriteContext _ctx;
    private readonly TaxMode _mode;
    private readonly HashSet<string> _existingIds;
    private readonly HashSet<string> _usedIds = new(StringComparer.Ordinal);
    private long _nextId;

    private SalesLines(WriteContext ctx, TaxMode mode, JsonObject? existing)
    {
        _ctx = ctx;
        _mode = mode;
        _existingIds = new HashSet<string>(AllLineIds(existing?.Arr("Line")), StringComparer.Ordinal);
        _nextId = _existingIds.Select(id => long.TryParse(id, out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
    }

    /// <summary>Item, bundle and description lines, in the order sent.</summary>
    public List<JsonObject> Body { get; } = [];

    public List<JsonObject> Discounts { get; } = [];

    public List<JsonObject> Shipping { get; } = [];

    /// <summary>Every line that carries an amount and a tax code (bundle components, not the bundle line).</summary>
    public List<PricedLine> Priced { get; } = [];

    public static SalesLines Read(WriteContext ctx, JsonArray lines, JsonObject? existing, TaxMode mode)
    {
        var reader = new SalesLines(ctx, mode, existing);
        foreach (var line in lines.Objects())
        {
            reader.ReadLine(line.CloneObject());
        }

        return reader;
    }

    /// <summary>The Line array QBO answers with: body lines, SubTotal, discounts, shipping; LineNum on lines that have an Id.</summary>
    public JsonArray Output(decimal subTotal)
    {
        var result = new JsonArray();
        var lineNum = 1;
        foreach (var line in Body)
        {
            line["LineNum"] = lineNum++;
            result.Add(Order(line));
        }

        result.Add(new JsonObject
        {
            ["Amount"] = Money.Node(subTotal),
            ["DetailType"] = "SubTotalLineDetail",
            ["SubTotalLineDetail"] = new JsonObject(),
        });
        foreach (var line in Discounts)
        {
            result.Add(line);
        }

        foreach (var line in Shipping)
        {
            line["LineNum"] = lineNum++;
            result.Add(Order(line));
        }

        return result;
    }

    private void ReadLine(JsonObject line)
    {
        var type = line.Str("DetailType");
        if (string.IsNullOrEmpty(type))
        {
            throw Fault.RequiredParam("DetailType", "Required parameter Line.DetailType is missing in the request");
        }

        switch (type)
        {
            case "SubTotalLineDetail":
                return;
            case "SalesItemLineDetail":
                var priced = ReadItemLine(line, allowShipping: true);
                (priced.IsShipping ? Shipping : Body).Add(priced.Line);
                Priced.Add(priced);
                return;
            case "GroupLineDetail":
                Body.Add(ReadGroupLine(line));
                return;
            case "DescriptionOnly":
                line["Id"] = NewLineId(line.Str("Id"));
                line["DescriptionLineDetail"] ??= new JsonObject();
                Body.Add(line);
                return;
            case "DiscountLineDetail":
                Discounts.Add(ReadDiscountLine(line));
                return;
            default:
                throw Fault.InvalidEnumeration("DetailType", type, DetailTypes);
        }
    }

    private PricedLine ReadItemLine(JsonObject line, bool allowShipping)
    {
        var detail = line.Obj("SalesItemLineDetail") ?? new JsonObject();
        line["SalesItemLineDetail"] = detail;
        var isShipping = detail.RefValue("ItemRef") == ShippingItemId;
        if (isShipping)
        {
            if (!allowShipping || !_ctx.Prefs.AllowShipping)
            {
                // [U] QBO documents SHIPPING_ITEM_ID as valid only when AllowShipping is on; the fault code is not recorded.
                throw Fault.Business(
                    "Shipping lines (ItemRef SHIPPING_ITEM_ID) need shipping turned on: set Preferences.SalesFormsPrefs.AllowShipping to true.", "ItemRef");
            }

            detail["ItemRef"] = JsonAccess.Ref(ShippingItemId);
        }
        else
        {
            if (detail.Obj("ItemRef") is null)
            {
                // [U] A line without ItemRef gets the company's default item (SalesFormsPrefs.DefaultItem, "Services"),
                // as QBO's own forms do, rather than the docs' reading that its amount is ignored (money would vanish).
                detail["ItemRef"] = JsonAccess.Ref(DefaultItemId());
            }

            var item = _ctx.Refs.Item(detail, "ItemRef");
            switch (item.Str("Type"))
            {
                case ItemRules.Category:
                    throw Fault.Business($"{item.Str("Name")} is a category; categories group products and cannot be sold on a transaction line.", "ItemRef");
                case ItemRules.Group:
                    throw Fault.Business($"{item.Str("Name")} is a bundle; put it on the transaction with a GroupLineDetail line.", "ItemRef");
            }
        }

        var gross = _mode == TaxMode.Inclusive ? detail.Dec("TaxInclusiveAmt") : null;
        if (_mode != TaxMode.Inclusive)
        {
            detail.Remove("TaxInclusiveAmt");
        }

        var amount = line.Dec("Amount");
        if (amount is null && gross is null)
        {
            throw Fault.RequiredParam("Amount", "Required parameter Line.Amount is missing in the request");
        }

        var qty = detail.Dec("Qty");
        var price = detail.Dec("UnitPrice");
        if (amount is not null && qty is not null && price is not null && gross is null && Money.Round(qty.Value * price.Value) != Money.Round(amount.Value))
        {
            throw Fault.AmountCalculation(amount.Value);
        }

        var taxCode = ReadTaxCode(detail);
        var net = Money.Round(amount ?? 0);
        line["Id"] = NewLineId(line.Str("Id"));
        line["Amount"] = Money.Node(net);
        if (gross is not null)
        {
            detail["TaxInclusiveAmt"] = Money.CentsNode(gross.Value);
        }

        return new PricedLine { Line = line, Detail = detail, TaxCode = taxCode, Amount = net, Gross = gross is null ? null : Money.Round(gross.Value), IsShipping = isShipping };
    }

    private string? ReadTaxCode(JsonObject detail)
    {
        switch (_mode)
        {
            case TaxMode.UsAutomated:
            case TaxMode.UsManual:
                // Since 2018 a line without TaxCodeRef is taxable under automated sales tax; sandbox (non-AST) companies defaulted to NON.
                var code = detail.RefValue("TaxCodeRef") ?? (_mode == TaxMode.UsAutomated ? "TAX" : "NON");
                if (code is not ("TAX" or "NON"))
                {
                    throw Fault.InvalidUsLineTaxCode(code);
                }

                detail["TaxCodeRef"] = JsonAccess.Ref(code);
                return code;
            case TaxMode.NotApplicable:
                if (detail.Obj("TaxCodeRef") is not null)
                {
                    _ctx.Refs.TaxCode(detail, "TaxCodeRef");
                }

                return null;
            default:
                if (detail.Obj("TaxCodeRef") is null)
                {
                    throw Fault.Business(string.Equals(_ctx.Company.Settings.Country, "CA", StringComparison.OrdinalIgnoreCase)
                        ? "Make sure all your transactions have a GST/HST rate before you save."
                        : "Make sure all your transactions have a tax rate before you save: every line needs a TaxCodeRef.", "TaxCodeRef");
                }

                return _ctx.Refs.TaxCode(detail, "TaxCodeRef").Str("Id");
        }
    }

    private JsonObject ReadGroupLine(JsonObject line)
    {
        var detail = line.Obj("GroupLineDetail") ?? throw Fault.RequiredParam("GroupLineDetail");
        if (detail.Obj("GroupItemRef") is null)
        {
            throw Fault.RequiredParam("GroupItemRef");
        }

        var bundle = _ctx.Refs.Item(detail, "GroupItemRef");
        if (bundle.Str("Type") != ItemRules.Group)
        {
            throw Fault.Business($"{bundle.Str("Name")} is not a bundle (Type Group); sell it with a SalesItemLineDetail line.", "GroupItemRef");
        }

        var quantity = detail.Dec("Quantity") ?? 1m;
        detail["Quantity"] = Money.Node(quantity);
        var sent = detail.Arr("Line").Objects().Select(l => l.CloneObject()).ToList();
        var components = new JsonArray();
        var total = 0m;
        var sources = sent.Count > 0 ? sent : Components(bundle, quantity);
        foreach (var component in sources)
        {
            if (component.Str("DetailType") is { } t && t != "SalesItemLineDetail")
            {
                throw Fault.InvalidEnumeration("DetailType", t, ["SalesItemLineDetail"]);
            }

            component["DetailType"] = "SalesItemLineDetail";
            var priced = ReadItemLine(component, allowShipping: false);
            Priced.Add(priced);
            total += priced.Amount;
            components.Add(Order(priced.Line));
        }

        detail["Line"] = components;
        line["Id"] = NewLineId(line.Str("Id"));
        line["Amount"] = Money.Node(total);
        return line;
    }

    private List<JsonObject> Components(JsonObject bundle, decimal quantity)
    {
        var result = new List<JsonObject>();
        foreach (var part in bundle.Obj("ItemGroupDetail")?.Arr("ItemGroupLine").Objects() ?? [])
        {
            var itemId = part.RefValue("ItemRef") ?? "";
            var item = _ctx.Store.Get("Item", itemId)?.Json ?? throw Fault.InvalidReference("Items", itemId);
            var qty = (part.Dec("Qty") ?? 1m) * quantity;
            var price = item.Dec("UnitPrice") ?? 0m;
            result.Add(new JsonObject
            {
                ["Amount"] = Money.CentsNode(qty * price),
                ["DetailType"] = "SalesItemLineDetail",
                ["SalesItemLineDetail"] = new JsonObject
                {
                    ["ItemRef"] = JsonAccess.Ref(itemId),
                    ["UnitPrice"] = Money.Node(price),
                    ["Qty"] = Money.Node(qty),
                },
            });
        }

        return result;
    }

    private JsonObject ReadDiscountLine(JsonObject line)
    {
        if (!_ctx.Prefs.AllowDiscount)
        {
            throw Fault.Business("Discounts are turned off in this company: set Preferences.SalesFormsPrefs.AllowDiscount to true to use DiscountLineDetail lines.", "DiscountLineDetail");
        }

        var detail = line.Obj("DiscountLineDetail") ?? new JsonObject();
        var percent = detail.Dec("DiscountPercent");
        var percentBased = detail.Bool("PercentBased") ?? (percent is not null && line.Dec("Amount") is null);
        if ((percentBased && percent is null) || (!percentBased && line.Dec("Amount") is null))
        {
            throw Fault.DiscountLineMissingInfo();
        }

        var output = new JsonObject();
        if (line.Dec("Amount") is { } amount)
        {
            output["Amount"] = Money.CentsNode(amount);
        }

        output["DetailType"] = "DiscountLineDetail";
        var outDetail = new JsonObject { ["PercentBased"] = percentBased };
        if (percentBased)
        {
            outDetail["DiscountPercent"] = Money.Node(percent!.Value);
        }

        if (detail.Obj("DiscountAccountRef") is null)
        {
            var account = _ctx.Store.All("Account").FirstOrDefault(a => a.Json.Str("AccountSubType") == "DiscountsRefundsGiven" && a.Json.Bool("Active") != false)
                ?? throw Fault.RequiredParam("DiscountAccountRef");
            detail["DiscountAccountRef"] = JsonAccess.Ref(account.Id);
        }

        _ctx.Refs.Account(detail, "DiscountAccountRef");
        outDetail["DiscountAccountRef"] = detail["DiscountAccountRef"]!.DeepClone();
        foreach (var (key, value) in detail)
        {
            if (key is not ("PercentBased" or "DiscountPercent" or "DiscountAccountRef"))
            {
                outDetail[key] = value?.DeepClone();
            }
        }

        output["DiscountLineDetail"] = outDetail;
        return output;
    }

    private string DefaultItemId()
    {
        var configured = _ctx.Store.Get("Preferences", "1")?.Json.Obj("OtherPrefs")?.Arr("NameValue").Objects()
            .FirstOrDefault(nv => nv.Str("Name") == "SalesFormsPrefs.DefaultItem")?.Str("Value");
        return configured ?? "1";
    }

    private string NewLineId(string? requested)
    {
        if (requested is not null && _existingIds.Contains(requested) && _usedIds.Add(requested))
        {
            return requested;
        }

        string id;
        do
        {
            id = (_nextId++).ToString(CultureInfo.InvariantCulture);
        }
        while (!_usedIds.Add(id));

        return id;
    }

    /// <summary>Puts a line's keys in QBO's order (Id, LineNum, Description, Amount, DetailType, the detail, the rest), in place.</summary>
    private static JsonObject Order(JsonObject line)
    {
        var first = new[] { "Id", "LineNum", "Description", "Amount", "DetailType" };
        var entries = line.ToList();
        line.Clear();
        foreach (var key in first)
        {
            var entry = entries.FirstOrDefault(e => e.Key == key);
            if (entry.Key is not null)
            {
                line[key] = entry.Value;
            }
        }

        foreach (var (key, value) in entries)
        {
            if (!first.Contains(key))
            {
                line[key] = value;
            }
        }

        return line;
    }

    private static IEnumerable<string> AllLineIds(JsonArray? lines)
    {
        foreach (var line in lines.Objects())
        {
            if (line.Str("Id") is { } id)
            {
                yield return id;
            }

            foreach (var id2 in AllLineIds(line.Obj("GroupLineDetail")?.Arr("Line")))
            {
                yield return id2;
            }
        }
    }
}
