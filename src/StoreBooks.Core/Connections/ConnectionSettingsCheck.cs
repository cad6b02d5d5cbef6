using System.Globalization;
using System.Text;
using StoreBooks.Core.Products;

namespace StoreBooks.Core.Connections;

/// <summary>
/// Checks, when settings are saved, that they can work, without asking QuickBooks or the store (what needs the QuickBooks
/// company, accounts and inventory tracking, is <see cref="ProductSettingsCheck"/>'s): the sync interval, the sync start date,
/// the room document-number prefixes leave in QuickBooks' 21 characters, name templates, and settings that cannot be empty.
/// Each problem names the setting and the value, says why it cannot work and what to write instead.
/// </summary>
public static class ConnectionSettingsCheck
{
    /// <summary>QuickBooks' longest document number (DocNumber; longer ones are refused with error 2050).</summary>
    public const int MaxDocNumber = 21;

    /// <summary>
    /// The order-number length a prefix must leave room for: 8 characters, order numbers up to 99999999. Shopify numbers orders
    /// from 1001 and WooCommerce by post id (commonly 4 to 7 digits), so a prefix that leaves less would make a growing store's
    /// orders wait, one by one, once their numbers get longer; refusing it when it is saved says so once, before any order.
    /// </summary>
    public const int OrderNumberRoom = 8;

    /// <summary>What a refund's document number adds after the order number: "-" and the refund's number (1 to 9).</summary>
    public const int RefundSuffixRoom = 2;

    /// <summary>Template settings with the placeholders the code that renders each one replaces.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Templates { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>> { ["products.variantNameTemplate"] = ItemNames.Placeholders };

    /// <summary>Text settings for which empty is a choice (no prefix); every other text setting names something and needs a value.</summary>
    private static readonly string[] MayBeEmpty = ["sales.docNumberPrefix", "sales.refundDocNumberPrefix"];

    public static IReadOnlyList<SettingsProblem> Check(ConnectionSettings settings, TimeProvider time)
    {
        var problems = new List<SettingsProblem>();
        CheckInterval(settings.SyncInterval, problems);
        CheckStartDate(settings.SyncStartDate, DateOnly.FromDateTime(time.GetLocalNow().DateTime), problems);
        if (settings.Sales.UseOrderNumbers)
        {
            CheckPrefix("sales.docNumberPrefix", settings.Sales.DocNumberPrefix, refund: false, problems);
            CheckPrefix("sales.refundDocNumberPrefix", settings.Sales.RefundDocNumberPrefix, refund: true, problems);
        }

        if (settings.Sales.Statuses.Count == 0)
        {
            problems.Add(new("sales.statuses", "[] lists no status, so no order would ever sync: list at least one, e.g. [\"Paid\",\"PartiallyRefunded\",\"Refunded\"] (the default)."));
        }

        CheckPayouts(settings.Payouts, problems);
        foreach (var key in SettingKeys.All)
        {
            var value = key.ValueIn(settings);
            if (Templates.TryGetValue(key.Name, out var placeholders))
            {
                CheckTemplate(key.Name, value as string ?? "", placeholders, problems);
            }
            else if (key.Type == typeof(string) && !key.AllowsNone && !MayBeEmpty.Contains(key.Name) && string.IsNullOrWhiteSpace(value as string))
            {
                var fallback = key.ValueIn(new ConnectionSettings());
                problems.Add(new(key.Name, $"\"{value}\" is empty, and this setting names something StoreBooks uses: give a name (the default is \"{fallback}\")."));
            }
        }

        return problems;
    }

    /// <summary>Payouts on need the bank account their deposits go to; the other accounts are asked for by the payouts that need them.</summary>
    private static void CheckPayouts(Payouts.PayoutSettings payouts, List<SettingsProblem> problems)
    {
        if (payouts.Enabled && string.IsNullOrWhiteSpace(payouts.BankAccount) && payouts.BankAccounts.Count == 0)
        {
            problems.Add(new("payouts.bankAccount",
                "is not set, and payouts.enabled=true posts each payout as a deposit into it: give the QuickBooks bank account your payouts reach " +
                "(its name or id, e.g. payouts.bankAccount=Checking), or turn payouts off (payouts.enabled=false)."));
        }

        foreach (var (gateway, account) in payouts.BankAccounts)
        {
            if (string.IsNullOrWhiteSpace(account))
            {
                problems.Add(new($"payouts.bankAccounts.{gateway}", "is empty: give the QuickBooks bank account this gateway's payouts reach, or remove the entry."));
            }
        }
    }

    private static void CheckInterval(TimeSpan? interval, List<SettingsProblem> problems)
    {
        if (interval is { } every && every <= TimeSpan.Zero)
        {
            var why = every == TimeSpan.Zero ? "is no time at all between two syncs" : "is less than no time";
            problems.Add(new("syncInterval",
                $"\"{every.ToString("c", CultureInfo.InvariantCulture)}\" {why}: give how long to wait between scheduled syncs, e.g. 00:15:00 for every 15 minutes " +
                "or 01:00:00 for every hour, or nothing (syncInterval=) for no scheduled syncs."));
        }
    }

    private static void CheckStartDate(DateOnly? start, DateOnly today, List<SettingsProblem> problems)
    {
        if (start is { } day && day > today)
        {
            problems.Add(new("syncStartDate",
                $"\"{day:yyyy-MM-dd}\" is in the future (today is {today:yyyy-MM-dd}): orders placed before it are not synced, so nothing would sync until " +
                $"{day:d MMMM yyyy}. Give the first day whose orders belong in QuickBooks, today ({today:yyyy-MM-dd}) or earlier."));
        }
    }

    /// <summary>
    /// A document number is prefix + order number (+ "-1" for a refund: R1043-1). The prefix must leave room for an order number of
    /// <see cref="OrderNumberRoom"/> characters within QuickBooks' 21.
    /// </summary>
    private static void CheckPrefix(string setting, string? prefix, bool refund, List<SettingsProblem> problems)
    {
        prefix ??= "";
        var extra = refund ? RefundSuffixRoom : 0;
        var allowed = MaxDocNumber - OrderNumberRoom - extra;
        if (prefix.Length <= allowed)
        {
            return;
        }

        var longest = new string('9', OrderNumberRoom);
        var room = Math.Max(0, MaxDocNumber - prefix.Length - extra);
        var example = prefix + longest + (refund ? "-1" : "");
        var what = refund ? "refund" : "order";
        var from = "1" + new string('0', room);
        var which = refund ? "which, with the refund's own number (-1), leaves" : "which leaves";
        var fits = room == 0
            ? $"{which} no room for the order number"
            : $"{which} {room} for the order number, so {(refund ? $"refunds of orders from {from} on" : $"orders from {from} on")} could not post";
        problems.Add(new(setting,
            $"\"{prefix}\" has {prefix.Length} characters, and QuickBooks allows {MaxDocNumber} in a document number, {fits}. With an order number of " +
            $"{OrderNumberRoom} characters (up to {longest}) the {what}'s number would be {example}, {example.Length} characters. Use a prefix of at most {allowed} " +
            "characters, or let QuickBooks number documents (sales.useOrderNumbers=false)."));
    }

    /// <summary>Placeholders are written <c>{name}</c>, in lower case; a brace that opens must close, and the variant's own part must be there.</summary>
    private static void CheckTemplate(string setting, string template, IReadOnlyDictionary<string, string> placeholders, List<SettingsProblem> problems)
    {
        var known = string.Join(" and ", placeholders.Select(p => $"{p.Key} ({p.Value})"));
        var used = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '}')
            {
                problems.Add(new(setting, $"\"{template}\" has a }} with no {{ before it (character {i + 1}). The placeholders are {known}."));
                return;
            }

            if (template[i] != '{')
            {
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            var reopen = template.IndexOf('{', i + 1);
            if (close < 0 || (reopen >= 0 && reopen < close))
            {
                problems.Add(new(setting, $"\"{template}\" opens a brace that it does not close (character {i + 1}): write each placeholder whole, as {known}."));
                return;
            }

            var placeholder = template[i..(close + 1)];
            if (!placeholders.ContainsKey(placeholder))
            {
                var near = placeholders.Keys.FirstOrDefault(p => string.Equals(p, placeholder, StringComparison.OrdinalIgnoreCase));
                var hint = near is null ? "" : $" (did you mean {near}? placeholders are written in lower case)";
                problems.Add(new(setting, $"\"{template}\" uses {placeholder}, which StoreBooks does not know{hint}. The placeholders are {known}."));
                return;
            }

            used.Append(placeholder);
            i = close;
        }

        if (placeholders.ContainsKey(ItemNames.VariantPlaceholder) && !used.ToString().Contains(ItemNames.VariantPlaceholder, StringComparison.Ordinal))
        {
            problems.Add(new(setting,
                $"\"{template}\" has no {ItemNames.VariantPlaceholder}, so every variant of a product would get the same item name, and a sale of one size could be " +
                $"booked to another's item: include {ItemNames.VariantPlaceholder}, e.g. \"{ItemNames.ProductPlaceholder} - {ItemNames.VariantPlaceholder}\" (the default)."));
        }
    }
}
