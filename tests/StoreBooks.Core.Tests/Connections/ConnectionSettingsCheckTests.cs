using Microsoft.Extensions.Time.Testing;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;
using Xunit;

namespace StoreBooks.Core.Tests.Connections;

/// <summary>The rules settings must follow to work, checked when saved; one case per rule, with the message a merchant reads.</summary>
public sealed class ConnectionSettingsCheckTests
{
    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    private static IReadOnlyList<SettingsProblem> Check(ConnectionSettings settings) => ConnectionSettingsCheck.Check(settings, Today);

    [Fact]
    public void The_defaults_and_sensible_choices_pass()
    {
        Assert.Empty(Check(new ConnectionSettings()));
        Assert.Empty(Check(new ConnectionSettings
        {
            SyncStartDate = new DateOnly(2026, 3, 10),
            SyncInterval = null,
            Sales = new SalesSettings { DocNumberPrefix = "WEB-SHOP-CA-", RefundDocNumberPrefix = "" },
            Products = new ProductSettings { VariantNameTemplate = "{variant} ({product})" },
        }));
    }

    [Fact]
    public void A_prefix_of_21_characters_leaves_no_room_for_the_order_number()
    {
        var problem = Assert.Single(Check(new ConnectionSettings { Sales = new SalesSettings { DocNumberPrefix = new string('W', 21) } }));

        Assert.Equal("sales.docNumberPrefix", problem.Setting);
        Assert.StartsWith($"\"{new string('W', 21)}\" has 21 characters, and QuickBooks allows 21 in a document number, which leaves no room for the order number.", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Use a prefix of at most 13 characters", problem.Message, StringComparison.Ordinal);
        Assert.Contains("sales.useOrderNumbers=false", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prefix_that_fits_todays_orders_but_not_an_eight_digit_order_number_is_refused_saying_how_long_it_would_be()
    {
        var problem = Assert.Single(Check(new ConnectionSettings { Sales = new SalesSettings { DocNumberPrefix = "WEBSHOP-CANADA-" } }));

        Assert.Equal("sales.docNumberPrefix", problem.Setting);
        Assert.Contains("\"WEBSHOP-CANADA-\" has 15 characters", problem.Message, StringComparison.Ordinal);
        Assert.Contains("which leaves 6 for the order number, so orders from 1000000 on could not post", problem.Message, StringComparison.Ordinal);
        Assert.Contains("would be WEBSHOP-CANADA-99999999, 23 characters", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refund_prefix_leaves_room_for_the_order_number_and_the_refunds_own_number()
    {
        Assert.Empty(Check(new ConnectionSettings { Sales = new SalesSettings { RefundDocNumberPrefix = "REFUND-WEB-" } }));
        var problem = Assert.Single(Check(new ConnectionSettings { Sales = new SalesSettings { RefundDocNumberPrefix = "REFUND-SHOP-" } }));

        Assert.Equal("sales.refundDocNumberPrefix", problem.Setting);
        Assert.Contains("which, with the refund's own number (-1), leaves 7 for the order number, so refunds of orders from 10000000 on could not post", problem.Message, StringComparison.Ordinal);
        Assert.Contains("REFUND-SHOP-99999999-1, 22 characters", problem.Message, StringComparison.Ordinal);
        Assert.Contains("at most 11 characters", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prefixes_are_not_checked_while_QuickBooks_numbers_the_documents()
    {
        Assert.Empty(Check(new ConnectionSettings { Sales = new SalesSettings { UseOrderNumbers = false, DocNumberPrefix = new string('W', 30) } }));
    }

    [Theory]
    [InlineData(0, "\"00:00:00\" is no time at all between two syncs")]
    [InlineData(-15, "\"-00:15:00\" is less than no time")]
    public void A_zero_or_negative_sync_interval_is_refused(int minutes, string expected)
    {
        var problem = Assert.Single(Check(new ConnectionSettings { SyncInterval = TimeSpan.FromMinutes(minutes) }));

        Assert.Equal("syncInterval", problem.Setting);
        Assert.StartsWith(expected, problem.Message, StringComparison.Ordinal);
        Assert.Contains("e.g. 00:15:00 for every 15 minutes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sync_start_date_after_today_is_refused_today_is_not()
    {
        Assert.Empty(Check(new ConnectionSettings { SyncStartDate = new DateOnly(2026, 3, 10) }));
        var problem = Assert.Single(Check(new ConnectionSettings { SyncStartDate = new DateOnly(2026, 3, 11) }));

        Assert.Equal("syncStartDate", problem.Setting);
        Assert.Equal(
            "\"2026-03-11\" is in the future (today is 2026-03-10): orders placed before it are not synced, so nothing would sync until 11 March 2026. " +
            "Give the first day whose orders belong in QuickBooks, today (2026-03-10) or earlier.", problem.Message);
    }

    [Fact]
    public void A_template_with_an_unknown_placeholder_is_refused_listing_the_known_ones()
    {
        var problem = Assert.Single(Check(new ConnectionSettings { Products = new ProductSettings { VariantNameTemplate = "{product} - {size}" } }));

        Assert.Equal("products.variantNameTemplate", problem.Setting);
        Assert.StartsWith("\"{product} - {size}\" uses {size}, which StoreBooks does not know. The placeholders are {product} (the product's title) and {variant}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_placeholder_in_the_wrong_case_is_unknown_and_the_right_one_named()
    {
        var problem = Assert.Single(Check(new ConnectionSettings { Products = new ProductSettings { VariantNameTemplate = "{Product} - {variant}" } }));

        Assert.Contains("uses {Product}, which StoreBooks does not know (did you mean {product}?", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{product} - {variant", "\"{product} - {variant\" opens a brace that it does not close (character 13)")]
    [InlineData("{product - {variant}", "\"{product - {variant}\" opens a brace that it does not close (character 1)")]
    [InlineData("product} - {variant}", "\"product} - {variant}\" has a } with no { before it (character 8)")]
    public void A_template_with_an_unclosed_or_stray_brace_is_refused(string template, string expected)
    {
        var problem = Assert.Single(Check(new ConnectionSettings { Products = new ProductSettings { VariantNameTemplate = template } }));

        Assert.Equal("products.variantNameTemplate", problem.Setting);
        Assert.StartsWith(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_without_the_variant_would_give_every_variant_one_name()
    {
        var problem = Assert.Single(Check(new ConnectionSettings { Products = new ProductSettings { VariantNameTemplate = "{product}" } }));

        Assert.Contains("\"{product}\" has no {variant}, so every variant of a product would get the same item name", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_status_at_all_would_never_sync_an_order()
    {
        var problem = Assert.Single(Check(new ConnectionSettings { Sales = new SalesSettings { Statuses = [] } }));

        Assert.Equal("sales.statuses", problem.Setting);
        Assert.StartsWith("[] lists no status, so no order would ever sync", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_name_cannot_be_empty_and_the_default_is_named()
    {
        var problem = Assert.Single(Check(new ConnectionSettings { Sales = new SalesSettings { ShippingItem = "" } }));

        Assert.Equal("sales.shippingItem", problem.Setting);
        Assert.Contains("give a name (the default is \"Shipping\")", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_template_setting_is_checked_against_the_placeholders_its_renderer_replaces()
    {
        var templates = SettingKeys.All.Where(k => k.Name.EndsWith("Template", StringComparison.Ordinal)).Select(k => k.Name);

        Assert.Equal(templates.Order(), ConnectionSettingsCheck.Templates.Keys.Order());
        Assert.Equal(["{product}", "{variant}"], ItemNames.Placeholders.Keys.Order());
    }
}
