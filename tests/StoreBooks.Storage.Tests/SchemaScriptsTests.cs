using StoreBooks.Storage.Schema;
using Xunit;

namespace StoreBooks.Storage.Tests;

/// <summary>The one set of migration scripts, rendered for each dialect.</summary>
public sealed class SchemaScriptsTests
{
    [Fact]
    public void Both_dialects_get_the_same_numbered_scripts_with_their_own_types_and_no_tokens_left()
    {
        var sqlite = SchemaScripts.For(SqlDialect.Sqlite);
        var postgres = SchemaScripts.For(SqlDialect.Postgres);

        Assert.Equal(sqlite.Select(m => (m.Version, m.Name)), postgres.Select(m => (m.Version, m.Name)));
        Assert.Equal(Enumerable.Range(1, sqlite.Count), sqlite.Select(m => m.Version));
        foreach (var token in new[] { "{id}", "{time}", "{json}", "{bytes}", "{int}" })
        {
            Assert.All(sqlite.Concat(postgres), m => Assert.DoesNotContain(token, Code(m.Sql), StringComparison.Ordinal));
        }

        var initialSqlite = Code(sqlite[0].Sql);
        var initialPostgres = Code(postgres[0].Sql);
        Assert.Contains("id              TEXT PRIMARY KEY", initialSqlite, StringComparison.Ordinal);
        Assert.Contains("secret        BLOB NOT NULL", initialSqlite, StringComparison.Ordinal);
        Assert.Contains("id              uuid PRIMARY KEY", initialPostgres, StringComparison.Ordinal);
        Assert.Contains("created_at      timestamptz NOT NULL", initialPostgres, StringComparison.Ordinal);
        Assert.Contains("source_settings jsonb NOT NULL", initialPostgres, StringComparison.Ordinal);
        Assert.Contains("secret        bytea NOT NULL", initialPostgres, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dialect_only_line_is_kept_for_its_dialect_and_dropped_for_the_other()
    {
        const string script = "CREATE TABLE t (\n    id {id} PRIMARY KEY,\n-- postgres:     seq bigint GENERATED ALWAYS AS IDENTITY,\n-- sqlite:     note TEXT,\n    at {time} -- when\n);\nINSERT INTO t VALUES ($new_id, $now);\n";

        var postgres = SchemaScripts.Render(script, SqlDialect.Postgres);
        var sqlite = SchemaScripts.Render(script, SqlDialect.Sqlite);

        Assert.Equal("CREATE TABLE t (\n    id uuid PRIMARY KEY,\n    seq bigint GENERATED ALWAYS AS IDENTITY,\n    at timestamptz -- when\n);\nINSERT INTO t VALUES (@new_id, @now);\n", postgres);
        Assert.Equal("CREATE TABLE t (\n    id TEXT PRIMARY KEY,\n    note TEXT,\n    at TEXT -- when\n);\nINSERT INTO t VALUES ($new_id, $now);\n", sqlite);
    }

    [Fact]
    public void Postgres_requires_a_workspace_for_every_connection_and_sqlite_cannot()
    {
        var workspaces = SchemaScripts.For(SqlDialect.Postgres).Single(m => m.Name == "0006_workspaces_and_users.sql");
        Assert.Contains("ALTER TABLE connections ALTER COLUMN workspace_id SET NOT NULL;", workspaces.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("SET NOT NULL", SchemaScripts.For(SqlDialect.Sqlite).Single(m => m.Version == 6).Sql, StringComparison.Ordinal);
    }

    /// <summary>The script without its comments.</summary>
    private static string Code(string sql) =>
        string.Join('\n', sql.Split('\n').Select(line => line.IndexOf("--", StringComparison.Ordinal) is var i and >= 0 ? line[..i] : line));
}
