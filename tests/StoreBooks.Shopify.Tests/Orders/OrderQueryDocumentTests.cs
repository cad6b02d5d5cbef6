using System.Reflection;
using System.Text.RegularExpressions;
using StoreBooks.Shopify.Orders;
using Xunit;

namespace StoreBooks.Shopify.Tests.Orders;

/// <summary>GraphQL refuses a document that defines a fragment it never spreads, or spreads one it never defines.</summary>
public sealed partial class OrderQueryDocumentTests
{
    public static TheoryData<string> Documents() =>
        [.. typeof(OrderQueries).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_fragment_of_an_order_query_is_defined_once_and_spread(string name)
    {
        var document = (string)typeof(OrderQueries).GetField(name)!.GetRawConstantValue()!;
        var defined = Defined().Matches(document).Select(m => m.Groups[1].Value).ToList();
        var spread = Spread().Matches(document).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(defined.Distinct(StringComparer.Ordinal).Count(), defined.Count);
        Assert.Equal(spread.Order(StringComparer.Ordinal), defined.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"fragment\s+(\w+)\s+on")]
    private static partial Regex Defined();

    [GeneratedRegex(@"\.\.\.(\w+)")]
    private static partial Regex Spread();
}
