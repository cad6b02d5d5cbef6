namespace StoreBooks.Core.Messages;

/// <summary>
/// What StoreBooks changed to fit QuickBooks when it posted an order (<see cref="State.Link.Warnings"/>): the order posted, and these
/// say how. <c>{order}</c> is <see cref="OrderMessages.Reference"/>.
/// </summary>
public static class WarningMessages
{
    public static readonly MessageTemplate CustomerName = new("order.warning.customer-name",
        "{order}: the customer name \"{name}\" became \"{cleaned}\" in QuickBooks, which allows no colon, tab or line break and at most {max} characters.");

    public static readonly MessageTemplate SameEmail = new("order.warning.same-email",
        "{order}: QuickBooks has {count} customers with the email {email} ({customers}); the sale went to \"{chosen}\". Merge them in QuickBooks if they are one person.");

    public static readonly MessageTemplate Customer = new("order.warning.customer", "\"{name}\" id {id}");

    public static readonly MessageTemplate CustomerWithoutEmail = new("order.warning.customer-without-email",
        "{order}: the customer \"{name}\" was created without the email \"{email}\", which is not an email address QuickBooks takes.");

    public static readonly MessageTemplate ItemCreated = new("order.warning.item-created",
        "{line} has no SKU and no product in the store's catalogue: StoreBooks created the QuickBooks item \"{item}\" for it, with the default accounts.");

    public static readonly MessageTemplate BuyerEmail = new("order.warning.buyer-email",
        "{order}: the buyer's email \"{email}\" is not an email address QuickBooks takes; the document was posted without it. Correct it in the store.");

    public static readonly MessageTemplate NoteCut = new("order.warning.note-cut",
        "{order}: its note of {length} characters was cut to fit QuickBooks' {max}-character memo; the store keeps it whole.");
}
