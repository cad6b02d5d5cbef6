namespace StoreBooks.Core.Messages;

/// <summary>Writing sales documents to QuickBooks: what the documents are called, and QuickBooks' refusals around its own words.</summary>
public static class DocumentMessages
{
    public static readonly MessageTemplate Invoice = new("document.invoice", "invoice");

    public static readonly MessageTemplate SalesReceipt = new("document.sales-receipt", "sales receipt");

    public static readonly MessageTemplate RefundReceipt = new("document.refund-receipt", "refund receipt of refund {refund}");

    public static readonly MessageTemplate Sale = new("document.sale", "sale");

    public static readonly MessageTemplate Refund = new("document.refund", "refund");

    public static readonly MessageTemplate Refused = new("document.refused", "QuickBooks refused the {what}: {detail}");

    public static readonly MessageTemplate NotSentNow = new("document.not-sent",
        "The {what} could not be sent now ({kind}); the next run finishes it without writing it twice. {detail}");

    public static readonly MessageTemplate Deposited = new("document.deposited",
        "The store changed this after its {what} (QuickBooks id {id}) was deposited in QuickBooks, so StoreBooks cannot update it. " +
        "Remove it from the deposit in QuickBooks and StoreBooks updates it on the next run, or edit it by hand.");

    public static readonly MessageTemplate UpdateRefused = new("document.update-refused", "QuickBooks refused the update of the {what} (id {id}): {detail}");

    public static readonly MessageTemplate UpdateNotSentNow = new("document.update-not-sent",
        "The update of the {what} could not be sent now ({kind}); the next run retries it. {detail}");

    public static readonly MessageTemplate NumberTaken = new("document.number-taken",
        "QuickBooks already has a document numbered {number}{other} that StoreBooks did not make for this {what}. " +
        "Give this connection a document number prefix (sales.docNumberPrefix) or let QuickBooks number documents (sales.useOrderNumbers=false), then retry. ({detail})");

    public static readonly MessageTemplate NumberTakenId = new("document.number-taken.id", " (id {id})");

    public static readonly MessageTemplate NumberTooLong = new("document.number-too-long",
        "{order}: its document number \"{number}\" has {length} characters and QuickBooks allows 21. " +
        "Shorten the prefix (sales.docNumberPrefix) or let QuickBooks number documents (sales.useOrderNumbers=false).");

    public static readonly MessageTemplate InventoryStartsLater = new("document.inventory-start",
        "{order}: QuickBooks refuses a {what} dated {date} because an inventory item on it starts later. Set an earlier start date on the item in QuickBooks " +
        "({date} or before), then run storebooks retry. ({detail})");

    public static readonly MessageTemplate InventoryItemStartsLater = new("document.inventory-start.item",
        "{order}: QuickBooks refuses a {what} dated {date} with the inventory item {item}, whose inventory start date is {start}. " +
        "Set an earlier start date on the item in QuickBooks ({date} or before), then run storebooks retry.");

    public static readonly MessageTemplate InventoryItemsStartLater = new("document.inventory-start.items",
        "{order}: QuickBooks refuses a {what} dated {date} with the inventory items {items}. " +
        "Set an earlier start date on those items in QuickBooks ({date} or before), then run storebooks retry.");

    public static readonly MessageTemplate ItemStart = new("document.inventory-start.item-date", "{item} (inventory start date {start})");

    public static readonly MessageTemplate ItemName = new("item.name", "\"{name}\"");

    public static readonly MessageTemplate ItemNameSku = new("item.name-sku", "\"{name}\" (SKU {sku})");
}
