using System.Globalization;
using System.Text;
using StoreBooks.Core.Messages;
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
            problems.Add(new("sales.statuses", SettingsMessages.StatusesEmpty.With()));
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
                problems.Add(new(key.Name, SettingsMessages.NameEmpty.With(("value", value?.ToString() ?? ""), ("fallback", fallback?.ToString() ?? ""))));
            }
        }

        return problems;
    }

    /// <summary>Payouts on need the bank account their deposits go to; the other accounts are asked for by the payouts that need them.</summary>
    private static void CheckPayouts(Payouts.PayoutSettings payouts, List<SettingsProblem> problems)
    {
        if (payouts.Enabled && string.IsNullOrWhiteSpace(payouts.BankAccount) && payouts.BankAccounts.Count == 0)
        {
            problems.Add(new("payouts.bankAccount", SettingsMessages.PayoutsBankMissing.With()));
        }

        foreach (var (gateway, account) in payouts.BankAccounts)
        {
            if (string.IsNullOrWhiteSpace(account))
            {
                problems.Add(new($"payouts.bankAccounts.{gateway}", SettingsMessages.PayoutsBankEntryEmpty.With()));
            }
        }
    }

    private static void CheckInterval(TimeSpan? interval, List<SettingsProblem> problems)
    {
        if (interval is { } every && every <= TimeSpan.Zero)
        {
            var why = every == TimeSpan.Zero ? SettingsMessages.IntervalZero : SettingsMessages.IntervalNegative;
            problems.Add(new("syncInterval", why.With(("interval", every.ToString("c", CultureInfo.InvariantCulture)))));
        }
    }

    private static void CheckStartDate(DateOnly? start, DateOnly today, List<SettingsProblem> problems)
    {
        if (start is { } day && day > today)
        {
            problems.Add(new("syncStartDate", SettingsMessages.StartDateFuture.With(
                ("day", SettingsMessages.Day(day)), ("today", SettingsMessages.Day(today)), ("dayLong", SettingsMessages.LongDay(day)))));
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
        var from = "1" + new string('0', room);
        var fits = (refund, room == 0) switch
        {
            (true, true) => SettingsMessages.RefundPrefixNoRoom.With(),
            (true, false) => SettingsMessages.RefundPrefixRoom.With(("room", room), ("from", from)),
            (false, true) => SettingsMessages.PrefixNoRoom.With(),
            (false, false) => SettingsMessages.PrefixRoom.With(("room", room), ("from", from)),
        };
        problems.Add(new(setting, (refund ? SettingsMessages.RefundPrefixTooLong : SettingsMessages.PrefixTooLong).With(
            ("prefix", prefix), ("length", prefix.Length), ("max", MaxDocNumber), ("fits", fits), ("digits", OrderNumberRoom), ("longest", longest),
            ("example", example), ("exampleLength", example.Length), ("allowed", allowed))));
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
                problems.Add(new(setting, SettingsMessages.TemplateUnopened.With(("template", template), ("position", i + 1), ("known", known))));
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
                problems.Add(new(setting, SettingsMessages.TemplateUnclosed.With(("template", template), ("position", i + 1), ("known", known))));
                return;
            }

            var placeholder = template[i..(close + 1)];
            if (!placeholders.ContainsKey(placeholder))
            {
                var near = placeholders.Keys.FirstOrDefault(p => string.Equals(p, placeholder, StringComparison.OrdinalIgnoreCase));
                problems.Add(new(setting, near is null
                    ? SettingsMessages.TemplateUnknown.With(("template", template), ("placeholder", placeholder), ("known", known))
                    : SettingsMessages.TemplateUnknownNear.With(("template", template), ("placeholder", placeholder), ("near", near), ("known", known))));
                return;
            }

            used.Append(placeholder);
            i = close;
        }

        if (placeholders.ContainsKey(ItemNames.VariantPlaceholder) && !used.ToString().Contains(ItemNames.VariantPlaceholder, StringComparison.Ordinal))
        {
            problems.Add(new(setting, SettingsMessages.TemplateNoVariant.With(
                ("template", template), ("variant", ItemNames.VariantPlaceholder), ("product", ItemNames.ProductPlaceholder))));
        }
    }
}
