using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using Xunit;

namespace StoreBooks.Core.Tests.Products;

public sealed class ItemNamesTests
{
    [Fact]
    public void A_variant_is_named_product_dash_variant_unless_configured()
    {
        var tee = new StoreProduct { SourceId = "tee-l", ProductId = "tee", ProductTitle = "Organic Tee", VariantTitle = "Large / Blue" };

        Assert.Equal("Organic Tee - Large / Blue", ItemNames.Compose(tee, "{product} - {variant}"));
        Assert.Equal("Large / Blue (Organic Tee)", ItemNames.Compose(tee, "{variant} ({product})"));
        Assert.Equal("Organic Tee", ItemNames.Compose(tee with { VariantTitle = null }, "{product} - {variant}"));
    }

    [Fact]
    public void Colons_tabs_and_newlines_never_reach_quickbooks()
    {
        Assert.Equal("Mug - Large Blue", ItemNames.Clean("Mug: Large\tBlue"));
        Assert.Equal("Line one line two", ItemNames.Clean("Line one\r\nline two"));
        Assert.Equal("Gift card", ItemNames.Clean("  Gift   card  "));
    }

    [Fact]
    public void Names_are_cut_to_100_characters()
    {
        var cleaned = ItemNames.Clean(new string('x', 150));

        Assert.Equal(100, cleaned.Length);
    }

    [Fact]
    public void A_clash_takes_the_sku_then_a_number_and_always_the_same_one()
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Organic Tee", "Organic Tee (TEE-1)" };

        Assert.Equal("Organic Tee (2)", ItemNames.MakeUnique("Organic Tee", "TEE-1", taken.Contains));
        Assert.Equal("Organic Tee (2)", ItemNames.MakeUnique("Organic Tee", "TEE-1", taken.Contains));
        Assert.Equal("Organic Tee (TEE-2)", ItemNames.MakeUnique("Organic Tee", "TEE-2", taken.Contains));
        Assert.Equal("Mug", ItemNames.MakeUnique("Mug", null, taken.Contains));
    }

    [Fact]
    public void A_suffix_still_fits_in_100_characters()
    {
        var longName = new string('y', 100);

        var unique = ItemNames.MakeUnique(longName, "SKU-9", name => name == longName);

        Assert.Equal(100, unique.Length);
        Assert.EndsWith(" (SKU-9)", unique, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" abc-1 ", "ABC-1", true)]
    [InlineData("abc-1", "ABC-2", false)]
    [InlineData("", "", false)]
    [InlineData(null, null, false)]
    public void Keys_compare_without_case_or_surrounding_spaces(string? a, string? b, bool same)
    {
        Assert.Equal(same, MatchKeys.Same(a, b));
    }
}
