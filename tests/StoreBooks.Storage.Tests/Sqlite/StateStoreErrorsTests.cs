using Microsoft.Data.Sqlite;
using StoreBooks.Storage.Sqlite;
using Xunit;

namespace StoreBooks.Storage.Tests.Sqlite;

/// <summary>
/// SQLite's failures of the state store told as what to do. A read-only database is checked through SQLite's own error code:
/// CI runs as root, whom file modes do not stop.
/// </summary>
public sealed class StateStoreErrorsTests
{
    [Theory]
    [InlineData(8, "is read-only")]
    [InlineData(26, "is damaged")]
    [InlineData(11, "is damaged")]
    [InlineData(13, "is full")]
    [InlineData(1032, "is read-only")] // SQLITE_READONLY_DBMOVED: an extended code of READONLY
    public void A_sqlite_failure_is_told_as_what_to_do(int code, string expected)
    {
        var message = StateStoreErrors.Explain(new SqliteException("sqlite says no", code), "/home/ann/.storebooks/storebooks.db");

        Assert.NotNull(message);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Contains("/home/ann/.storebooks/storebooks.db", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_a_merchant_cannot_fix_is_left_to_the_log()
    {
        Assert.Null(StateStoreErrors.Explain(new SqliteException("constraint failed", 19), "storebooks.db"));
    }
}
