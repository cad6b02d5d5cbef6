using System.Text.Json;

namespace StoreBooks.WooCommerce.Products;

/// <summary>A product (<c>/products</c>): simple, variable, grouped or external.</summary>
internal sealed record WooProduct
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public string? Type { get; init; }

    public string? Status { get; init; }

    public string? Sku { get; init; }

    public decimal? Price { get; init; }

    /// <summary>A boolean on products; on variations also the string <c>"parent"</c>.</summary>
    public JsonElement ManageStock { get; init; }

    public DateTimeOffset? DateModifiedGmt { get; init; }

    public List<long> Variations { get; init; } = [];
}

/// <summary>A variation (<c>/products/{id}/variations</c>).</summary>
internal sealed record WooVariation
{
    public long Id { get; init; }

    public string? Status { get; init; }

    public string? Sku { get; init; }

    public decimal? Price { get; init; }

    public JsonElement ManageStock { get; init; }

    public DateTimeOffset? DateModifiedGmt { get; init; }

    public List<WooVariationAttribute> Attributes { get; init; } = [];
}

internal sealed record WooVariationAttribute(string? Name, string? Option);
