using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Query;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Query;

/// <summary>The query tokenizer and parser on their own.</summary>
public sealed class QueryParserTests
{
    [Fact]
    public void Tokenizer_keeps_dotted_paths_unescapes_strings_and_reads_two_character_operators()
    {
        var tokens = QueryTokenizer.Tokenize("select * from Customer where MetaData.LastUpdatedTime >= 'Amy\\'s \\\\ x' and Balance<=-12.5");

        Assert.Equal(
            ["select", "*", "from", "Customer", "where", "MetaData.LastUpdatedTime", ">=", "Amy's \\ x", "and", "Balance", "<=", "-12.5", ""],
            tokens.Select(t => t.Text));
        Assert.Equal(TokenKind.String, tokens[7].Kind);
        Assert.Equal(TokenKind.Number, tokens[11].Kind);
        Assert.Equal(TokenKind.End, tokens[^1].Kind);
        Assert.Equal(1, tokens[0].Column);
    }

    [Fact]
    public void Parses_every_clause_with_keywords_in_any_case()
    {
        var q = QueryParser.Parse("SeLeCt * FrOm item WHERE Sku = 'X' and Active IN (true, false) And Name LIKE 'Hat%' ORDERBY Name DESC, Id MAXRESULTS 5 STARTPOSITION 3");

        Assert.Equal("item", q.Entity);
        Assert.False(q.IsCount);
        Assert.Equal(3, q.Where.Count);
        Assert.Equal(QueryOperator.Equal, q.Where[0].Operator);
        Assert.Equal(QueryOperator.In, q.Where[1].Operator);
        Assert.Equal([QueryValueKind.Boolean, QueryValueKind.Boolean], q.Where[1].Values.Select(v => v.Kind));
        Assert.Equal(QueryOperator.Like, q.Where[2].Operator);
        Assert.Equal([new QueryOrder("Name", true), new QueryOrder("Id", false)], q.OrderBy);
        Assert.Equal(3, q.StartPosition);
        Assert.Equal(5, q.MaxResults);
    }

    [Fact]
    public void Parses_count_and_every_comparison_operator()
    {
        var q = QueryParser.Parse("select count(*) from Invoice where TotalAmt > '10' and TotalAmt < 20 and Balance >= 1 and Balance <= 2");

        Assert.True(q.IsCount);
        Assert.Equal([QueryOperator.Greater, QueryOperator.Less, QueryOperator.GreaterOrEqual, QueryOperator.LessOrEqual], q.Where.Select(c => c.Operator));
        Assert.Null(q.StartPosition);
    }

    [Theory]
    [InlineData("select * from Customer where Name = 'a' or Name = 'b'", "\"or\"")]
    [InlineData("select Name from Customer", "\"Name\"")]
    [InlineData("select * from Customer, Invoice", "\",\"")]
    [InlineData("select * from Customer where Name = 'unterminated", "not closed")]
    [InlineData("select * from Customer group by Name", "\"group\"")]
    [InlineData("select * from Customer where Name ! 'x'", "\"!\"")]
    [InlineData("", "empty")]
    [InlineData("select * from Customer maxresults ten", "\"ten\"")]
    public void Malformed_queries_are_4000_naming_what_was_found(string query, string found)
    {
        var e = Assert.Throws<QboFaultException>(() => QueryParser.Parse(query));

        Assert.Equal("4000", e.Fault.Code);
        Assert.Equal("Error parsing query", e.Fault.Errors[0].Message);
        Assert.StartsWith("QueryParserError: ", e.Fault.Errors[0].Detail);
        Assert.Contains(found, e.Fault.Errors[0].Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Startposition_and_maxresults_come_in_either_order()
    {
        var a = QueryParser.Parse("select * from Customer startposition 2 maxresults 7");
        var b = QueryParser.Parse("select * from Customer maxresults 7 startposition 2");
        Assert.Equal((a.StartPosition, a.MaxResults), (b.StartPosition, b.MaxResults));
    }
}
