namespace StoreBooks.Core.Messages;

/// <summary>
/// Why settings cannot be saved (<see cref="Products.SettingsProblem"/>): the prefixes, the sync interval and start date, name
/// templates, empty names, payouts' bank, and the QuickBooks accounts settings name.
/// </summary>
public static class SettingsMessages
{
    public static readonly MessageTemplate StatusesEmpty = new("settings.statuses.empty",
        "[] lists no status, so no order would ever sync: list at least one, e.g. [\"Paid\",\"PartiallyRefunded\",\"Refunded\"] (the default).");

    public static readonly MessageTemplate NameEmpty = new("settings.name.empty",
        "\"{value}\" is empty, and this setting names something StoreBooks uses: give a name (the default is \"{fallback}\").");

    public static readonly MessageTemplate PayoutsBankMissing = new("settings.payouts.bank-missing",
        "is not set, and payouts.enabled=true posts each payout as a deposit into it: give the QuickBooks bank account your payouts reach " +
        "(its name or id, e.g. payouts.bankAccount=Checking), or turn payouts off (payouts.enabled=false).");

    public static readonly MessageTemplate PayoutsBankEntryEmpty = new("settings.payouts.bank-entry-empty",
        "is empty: give the QuickBooks bank account this gateway's payouts reach, or remove the entry.");

    public static readonly MessageTemplate IntervalZero = new("settings.interval.zero",
        "\"{interval}\" is no time at all between two syncs: give how long to wait between scheduled syncs, e.g. 00:15:00 for every 15 minutes " +
        "or 01:00:00 for every hour, or nothing (syncInterval=) for no scheduled syncs.");

    public static readonly MessageTemplate IntervalNegative = new("settings.interval.negative",
        "\"{interval}\" is less than no time: give how long to wait between scheduled syncs, e.g. 00:15:00 for every 15 minutes " +
        "or 01:00:00 for every hour, or nothing (syncInterval=) for no scheduled syncs.");

    public static readonly MessageTemplate StartDateFuture = new("settings.start-date.future",
        "\"{day}\" is in the future (today is {today}): orders placed before it are not synced, so nothing would sync until " +
        "{dayLong}. Give the first day whose orders belong in QuickBooks, today ({today}) or earlier.");

    /// <summary>A sales' number prefix too long; <c>{fits}</c> is one of the <c>Prefix…Room</c> messages.</summary>
    public static readonly MessageTemplate PrefixTooLong = new("settings.prefix.too-long",
        "\"{prefix}\" has {length} characters, and QuickBooks allows {max} in a document number, {fits}. With an order number of " +
        "{digits} characters (up to {longest}) the order's number would be {example}, {exampleLength} characters. Use a prefix of at most {allowed} " +
        "characters, or let QuickBooks number documents (sales.useOrderNumbers=false).");

    /// <summary>A refunds' number prefix too long; <c>{fits}</c> is one of the <c>RefundPrefix…Room</c> messages.</summary>
    public static readonly MessageTemplate RefundPrefixTooLong = new("settings.prefix.refund-too-long",
        "\"{prefix}\" has {length} characters, and QuickBooks allows {max} in a document number, {fits}. With an order number of " +
        "{digits} characters (up to {longest}) the refund's number would be {example}, {exampleLength} characters. Use a prefix of at most {allowed} " +
        "characters, or let QuickBooks number documents (sales.useOrderNumbers=false).");

    public static readonly MessageTemplate PrefixNoRoom = new("settings.prefix.no-room", "which leaves no room for the order number");

    public static readonly MessageTemplate PrefixRoom = new("settings.prefix.room",
        "which leaves {room} for the order number, so orders from {from} on could not post");

    public static readonly MessageTemplate RefundPrefixNoRoom = new("settings.prefix.refund-no-room",
        "which, with the refund's own number (-1), leaves no room for the order number");

    public static readonly MessageTemplate RefundPrefixRoom = new("settings.prefix.refund-room",
        "which, with the refund's own number (-1), leaves {room} for the order number, so refunds of orders from {from} on could not post");

    public static readonly MessageTemplate TemplateUnopened = new("settings.template.unopened",
        "\"{template}\" has a } with no { before it (character {position}). The placeholders are {known}.");

    public static readonly MessageTemplate TemplateUnclosed = new("settings.template.unclosed",
        "\"{template}\" opens a brace that it does not close (character {position}): write each placeholder whole, as {known}.");

    public static readonly MessageTemplate TemplateUnknown = new("settings.template.unknown",
        "\"{template}\" uses {placeholder}, which StoreBooks does not know. The placeholders are {known}.");

    public static readonly MessageTemplate TemplateUnknownNear = new("settings.template.unknown-near",
        "\"{template}\" uses {placeholder}, which StoreBooks does not know (did you mean {near}? placeholders are written in lower case). The placeholders are {known}.");

    public static readonly MessageTemplate TemplateNoVariant = new("settings.template.no-variant",
        "\"{template}\" has no {variant}, so every variant of a product would get the same item name, and a sale of one size could be " +
        "booked to another's item: include {variant}, e.g. \"{product} - {variant}\" (the default).");

    public static readonly MessageTemplate UnknownSetting = new("settings.unknown",
        "no such setting, so \"{text}\" cannot be set. The closest setting is {closest} (storebooks settings set --help lists them all).");

    public static readonly MessageTemplate AccountNotInCompany = new("settings.account.not-in-company",
        "\"{choice}\" is not an account of this QuickBooks company (neither an id nor a name). Choose one of its accounts (storebooks accounts lists them), or clear the setting.");

    public static readonly MessageTemplate AccountInactive = new("settings.account.inactive",
        "The account {account} is inactive in QuickBooks. Make it active there, or choose another.");

    public static readonly MessageTemplate InventoryUntracked = new("settings.products.inventory-untracked",
        "Items can be created as inventory items only when the QuickBooks company tracks quantity on hand. Turn on \"Track inventory " +
        "quantity on hand\" in QuickBooks (Settings > Account and settings > Sales > Products and services), or create items as non-inventory items.");

    public static readonly MessageTemplate IncomeAccount = new("settings.products.income-account", "income account");

    public static readonly MessageTemplate CostOfGoodsSoldAccount = new("settings.products.cogs-account", "cost of goods sold account");

    public static readonly MessageTemplate ExpenseAccount = new("settings.products.expense-account", "expense account");

    public static readonly MessageTemplate InventoryAssetAccount = new("settings.products.inventory-asset-account", "inventory asset account");

    /// <summary>After a product account's problem: the accounts that would fit.</summary>
    public static readonly MessageTemplate AccountsThatFit = new("settings.products.accounts-fit",
        " Accounts that fit: {accounts}. Ask your accountant if unsure which.");

    public static readonly MessageTemplate NoAccountFits = new("settings.products.no-account-fits",
        " The QuickBooks company has no active account of type {types}: create one in QuickBooks first.");

    public static readonly MessageTemplate ProductAccountMissing = new("settings.products.account-missing",
        "Choose the {label} of the items StoreBooks creates (QuickBooks requires one on creation).{fits}");

    public static readonly MessageTemplate ProductAccountUnknown = new("settings.products.account-unknown",
        "The {label} \"{choice}\" is not in QuickBooks (neither an account id nor a name).{fits}");

    public static readonly MessageTemplate ProductAccountInactive = new("settings.products.account-inactive",
        "The {label} {account} is inactive in QuickBooks.{fits}");

    public static readonly MessageTemplate ProductAccountType = new("settings.products.account-type",
        "The {label} {account} is of type {type}; it must be of type {types}.{fits}");

    public static readonly MessageTemplate InventoryStartMissing = new("settings.products.inventory-start-missing",
        "Inventory items need an inventory start date: choose one in the past. QuickBooks refuses a sale dated before an item's inventory start date.");

    public static readonly MessageTemplate InventoryStartMissingBefore = new("settings.products.inventory-start-missing-before",
        "Inventory items need an inventory start date: choose one on or before {day}, the day before the sync start date. QuickBooks refuses a sale dated before an item's inventory start date.");

    public static readonly MessageTemplate InventoryStartTooLate = new("settings.products.inventory-start-too-late",
        "The inventory start date ({start}) must be before the sync start date ({sync}): QuickBooks refuses a sale " +
        "dated before an item's inventory start date, so to sync sales from {syncLong} it must be {dayBeforeLong} or earlier.");

    public static readonly MessageTemplate InventoryStartFuture = new("settings.products.inventory-start-future",
        "The inventory start date {start} is in the future; it must be a past day (today, {today}, or earlier).");

    /// <summary>A day as settings messages write it in full: 31 January 2026.</summary>
    public static MessageArg LongDay(DateOnly day) => new DateArg(day, "d MMMM yyyy");

    /// <summary>A day as settings are written: 2026-01-31.</summary>
    public static MessageArg Day(DateOnly day) => new DateArg(day, "yyyy-MM-dd");
}
