using StoreBooks.QuickBooks.Queries;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Queries;

public sealed class QboQueryTests
{
    [Fact]
    public void Escapes_apostrophes_and_backslashes_in_values()
    {
        var query = QboQuery.From("Customer").WhereEquals("DisplayName", @"Amy's Bird \ Sanctuary");

        Assert.Equal(@"SELECT * FROM Customer WHERE DisplayName = 'Amy\'s Bird \\ Sanctuary'", query.ToSelect());
    }

    [Fact]
    public void A_value_cannot_close_the_literal_and_add_a_condition()
    {
        var query = QboQuery.From("Item").WhereEquals("Name", "x' OR Name = 'y");

        Assert.Equal(@"SELECT * FROM Item WHERE Name = 'x\' OR Name = \'y'", query.ToSelect());
    }

    [Fact]
    public void Asks_for_inactive_records_once_and_ands_conditions()
    {
        var query = QboQuery.From("Item").WhereEquals("Sku", "A-1").IncludeInactive().IncludeInactive().WhereIn("Type", ["Inventory", "Service"]);

        Assert.Equal("SELECT * FROM Item WHERE Sku = 'A-1' AND Active IN (true, false) AND Type IN ('Inventory', 'Service')", query.ToSelect());
        Assert.True(query.IncludesInactive);
    }

    [Fact]
    public void Pages_with_startposition_and_maxresults_up_to_1000()
    {
        var query = QboQuery.From("Item").OrderBy("Id");

        Assert.Equal("SELECT * FROM Item ORDERBY Id STARTPOSITION 1001 MAXRESULTS 1000", query.ToSelect(1001, 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => query.ToSelect(1, 1001));
        Assert.Throws<ArgumentOutOfRangeException>(() => query.ToSelect(0, 10));
    }

    [Fact]
    public void Counts_with_the_same_conditions()
    {
        var query = QboQuery.From("Customer").Where("Balance", ">", 10.5m).Where("Active", true);

        Assert.Equal("SELECT COUNT(*) FROM Customer WHERE Balance > '10.5' AND Active = true", query.ToCount());
    }

    [Theory]
    [InlineData("Name; DROP")]
    [InlineData("Name = 'a' --")]
    [InlineData("")]
    public void Refuses_field_names_that_are_not_names(string field)
    {
        Assert.Throws<ArgumentException>(() => QboQuery.From("Item").WhereEquals(field, "x"));
    }

    [Fact]
    public void Refuses_operators_qbo_does_not_have()
    {
        var error = Assert.Throws<ArgumentException>(() => QboQuery.From("Item").Where("Name", "OR", "x"));
        Assert.Contains("= < > <= >= LIKE and IN", error.Message, StringComparison.Ordinal);
    }
}
