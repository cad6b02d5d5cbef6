using Xunit;

namespace StoreBooks.Web.Tests;

/// <summary><c>--public-url</c>: the root of an absolute http(s) address, nothing else.</summary>
public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("https://books.example.com", "https://books.example.com/")]
    [InlineData(" https://Books.Example.com/ ", "https://books.example.com/")]
    [InlineData("http://books.example.com:8443/", "http://books.example.com:8443/")]
    public void An_address_is_taken_as_its_root(string given, string expected)
    {
        Assert.Equal(expected, PublicAddress.Parse(given).AbsoluteUri);
        Assert.Equal(expected + "quickbooks/callback", PublicAddress.QuickBooksCallback(PublicAddress.Parse(given)).AbsoluteUri);
    }

    [Theory]
    [InlineData("books.example.com", "not a public address")]
    [InlineData("ftp://books.example.com/", "not a public address")]
    [InlineData("/books", "not a public address")]
    [InlineData("https://books.example.com/?from=proxy", "has a query")]
    [InlineData("https://books.example.com/#top", "has a query, a fragment")]
    [InlineData("https://admin@books.example.com/", "a user name")]
    [InlineData("https://books.example.com/books", "has a path")]
    public void Anything_else_is_refused_saying_why(string given, string why)
    {
        var refused = Assert.Throws<ArgumentException>(() => PublicAddress.Parse(given));
        Assert.Contains(why, refused.Message, StringComparison.Ordinal);
    }
}
