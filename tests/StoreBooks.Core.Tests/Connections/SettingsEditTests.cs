using StoreBooks.Core.Connections;
using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;
using Xunit;

namespace StoreBooks.Core.Tests.Connections;

/// <summary>Values typed as text read as their setting's type, or are refused in a merchant's words.</summary>
public sealed class SettingsEditTests
{
    private static readonly ConnectionSettings Current = new() { SyncStartDate = new DateOnly(2026, 1, 1), Sales = new SalesSettings { DocNumberPrefix = "WEB-" } };

    private static (ConnectionSettings Settings, IReadOnlyList<SettingsProblem> Problems) Apply(params (string Key, string Value)[] changes)
    {
        var settings = SettingsEdit.Apply(Current, changes.Select(c => KeyValuePair.Create(c.Key, c.Value)), out var problems);
        return (settings, problems);
    }

    private static SettingsProblem Refused(string key, string value)
    {
        var (_, problems) = Apply((key, value));
        var problem = Assert.Single(problems);
        Assert.DoesNotContain("System.", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("JSON value could not be converted", problem.Message, StringComparison.Ordinal);
        return problem;
    }

    [Fact]
    public void Values_of_every_type_are_read()
    {
        var (settings, problems) = Apply(
            ("syncInterval", "01:00:00"), ("syncStartDate", "2025-12-31"), ("products.mode", "automatic"), ("sales.useOrderNumbers", "False"),
            ("sales.statuses", "[\"Paid\",\"pending\"]"), ("sales.refundDocNumberPrefix", ""), ("products.incomeAccount", "79"),
            ("sales.taxCodes.GST 5%", "GST"), ("sales.payments.paypal.depositAccount", "PayPal clearing"), ("Sales.DocNumberPrefix", "SHOP-"));

        Assert.Empty(problems);
        Assert.Equal(TimeSpan.FromHours(1), settings.SyncInterval);
        Assert.Equal(new DateOnly(2025, 12, 31), settings.SyncStartDate);
        Assert.Equal(ItemMode.Automatic, settings.Products.Mode);
        Assert.False(settings.Sales.UseOrderNumbers);
        Assert.Equal([FinancialStatus.Paid, FinancialStatus.Pending], settings.Sales.Statuses);
        Assert.Equal("", settings.Sales.RefundDocNumberPrefix);
        Assert.Equal("79", settings.Products.IncomeAccount);
        Assert.Equal("GST", settings.Sales.TaxCodes["GST 5%"]);
        Assert.Equal("PayPal clearing", settings.Sales.Payments["paypal"].DepositAccount);
        Assert.Equal("SHOP-", settings.Sales.DocNumberPrefix);
        Assert.Equal("", ConnectionSettings.From(settings.ToJson()).Sales.RefundDocNumberPrefix);
    }

    [Fact]
    public void An_empty_value_clears_an_optional_setting()
    {
        var (settings, problems) = Apply(("syncInterval", ""), ("syncStartDate", ""));

        Assert.Empty(problems);
        Assert.Null(settings.SyncInterval);
        Assert.Null(ConnectionSettings.From(settings.ToJson()).SyncInterval);
        Assert.Null(ConnectionSettings.From(settings.ToJson()).SyncStartDate);
    }

    [Fact]
    public void A_refused_value_leaves_the_setting_as_it_was_and_the_others_change()
    {
        var (settings, problems) = Apply(("syncStartDate", "31/01/2026"), ("sales.docNumberPrefix", "SHOP-"));

        Assert.Single(problems);
        Assert.Equal(new DateOnly(2026, 1, 1), settings.SyncStartDate);
        Assert.Equal("SHOP-", settings.Sales.DocNumberPrefix);
    }

    [Fact]
    public void A_length_of_time_that_does_not_read_says_the_form()
    {
        var problem = Refused("syncInterval", "abc");

        Assert.Equal("syncInterval", problem.Setting);
        Assert.Equal("\"abc\" is not a length of time: write hours:minutes:seconds, e.g. 00:15:00 for every 15 minutes, or 01:00:00 for every hour (or nothing, for no scheduled syncs).", problem.Message);
        Assert.Equal("syncInterval", Refused("syncInterval", "15").Setting);
    }

    [Fact]
    public void Not_true_or_false_says_so()
    {
        var problem = Refused("sales.useOrderNumbers", "maybe");

        Assert.Equal("sales.useOrderNumbers", problem.Setting);
        Assert.Equal("\"maybe\" is not true or false: write true or false.", problem.Message);
    }

    [Fact]
    public void A_list_setting_given_one_word_asks_for_a_list_and_names_the_values()
    {
        var problem = Refused("sales.statuses", "Paid");

        Assert.Equal("sales.statuses", problem.Setting);
        Assert.StartsWith("\"Paid\" is not a list: write the values in brackets, each in quotes, e.g. [\"Pending\",\"Authorized\"]", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("The values are Pending, Authorized, PartiallyPaid, Paid, PartiallyRefunded, Refunded, Voided.", problem.Message, StringComparison.Ordinal);
        Assert.Contains("\"Payed\" in [\"Payed\"] is not one of the values", Refused("sales.statuses", "[\"Payed\"]").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_choice_that_is_not_one_lists_the_choices()
    {
        var problem = Refused("products.mode", "Sometimes");

        Assert.Equal("products.mode", problem.Setting);
        Assert.Equal("\"Sometimes\" is not one of its values: Manual, Automatic.", problem.Message);
        Assert.Equal("\"1\" is not one of its values: Manual, Automatic.", Refused("products.mode", "1").Message);
    }

    [Fact]
    public void A_date_in_another_form_says_YYYY_MM_DD_and_what_to_write_when_it_can_tell()
    {
        var problem = Refused("syncStartDate", "31/01/2026");

        Assert.Equal("syncStartDate", problem.Setting);
        Assert.Equal("\"31/01/2026\" is not a date written YYYY-MM-DD (for 31 January 2026, write 2026-01-31).", problem.Message);
        Assert.Equal("\"02/03/2026\" is not a date written YYYY-MM-DD (year, month, day: e.g. 2026-01-31 for 31 January 2026).", Refused("products.inventoryStartDate", "02/03/2026").Message);
    }

    [Fact]
    public void A_map_setting_given_a_word_asks_for_braces()
    {
        var problem = Refused("sales.taxCodes", "GST");

        Assert.Equal("sales.taxCodes", problem.Setting);
        Assert.StartsWith("\"GST\" is not a list of names and values: write it in braces, e.g. {\"GST 5%\":\"GST\"}", problem.Message, StringComparison.Ordinal);
        Assert.Contains("\"bank\" in {\"bank\":\"x\"} is not one of method, depositAccount", Refused("sales.payments.stripe", "{\"bank\":\"x\"}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_names_the_closest_known_key()
    {
        var problem = Refused("sales.shiping", "Item");

        Assert.Equal("sales.shiping", problem.Setting);
        Assert.Equal("no such setting, so \"Item\" cannot be set. The closest setting is sales.shipping (storebooks settings set --help lists them all).", problem.Message);
        Assert.Contains("closest setting is sales.docNumberPrefix", Refused("docNumberPrefix", "WEB-").Message, StringComparison.Ordinal);
        Assert.Contains("closest setting is syncInterval", Refused("syncIntervall", "01:00:00").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_setting_of_the_records_is_a_key()
    {
        var names = SettingKeys.All.Select(k => k.Name).ToList();

        Assert.Contains("syncStartDate", names);
        Assert.Contains("products.variantNameTemplate", names);
        Assert.Contains("sales.refundDocNumberPrefix", names);
        Assert.Contains("sales.payments", names);
        Assert.DoesNotContain("sales", names);
        Assert.True(SettingKeys.Find("sales.discountAccount")!.AllowsNone);
        Assert.False(SettingKeys.Find("sales.docNumberPrefix")!.AllowsNone);
    }
}
