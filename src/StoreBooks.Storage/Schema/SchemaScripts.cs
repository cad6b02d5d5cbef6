using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace StoreBooks.Storage.Schema;

/// <summary>The SQL dialects the state store speaks.</summary>
internal enum SqlDialect
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The state store's numbered migration scripts (<c>Schema/Migrations/0001_initial.sql</c>...), written once for both dialects and
/// rendered for one: <c>{id}</c>, <c>{time}</c>, <c>{json}</c>, <c>{bytes}</c> and <c>{int}</c> become that dialect's column types,
/// a line starting <c>-- postgres:</c> or <c>-- sqlite:</c> is kept (uncommented) for that dialect only, and the values a script
/// binds (<c>$now</c>, <c>$new_id</c>) are named as the dialect's driver names parameters. Comments are left as written.
/// </summary>
internal static partial class SchemaScripts
{
    private const string ResourcePrefix = "schema-migrations/";

    private static readonly IReadOnlyList<(int Version, string Name, string Sql)> Sources = LoadSources();

    private static readonly Dictionary<string, (string Sqlite, string Postgres)> Types = new(StringComparer.Ordinal)
    {
        ["{id}"] = ("TEXT", "uuid"),
        ["{time}"] = ("TEXT", "timestamptz"),
        ["{json}"] = ("TEXT", "jsonb"),
        ["{bytes}"] = ("BLOB", "bytea"),
        ["{int}"] = ("INTEGER", "bigint"),
    };

    /// <summary>The scripts rendered for <paramref name="dialect"/>, in order, numbered 1, 2, 3... without gaps.</summary>
    public static IReadOnlyList<Migration> For(SqlDialect dialect) =>
        Sources.Select(s => new Migration(s.Version, s.Name, Render(s.Sql, dialect))).ToList();

    /// <summary>One script rendered for <paramref name="dialect"/>.</summary>
    public static string Render(string sql, SqlDialect dialect)
    {
        var rendered = new StringBuilder(sql.Length);
        foreach (var raw in sql.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (DialectLine().Match(line) is { Success: true } only)
            {
                if (only.Groups["dialect"].Value != Name(dialect))
                {
                    continue;
                }

                line = only.Groups["sql"].Value;
            }

            var comment = line.IndexOf("--", StringComparison.Ordinal);
            var code = comment < 0 ? line : line[..comment];
            foreach (var (token, types) in Types)
            {
                code = code.Replace(token, dialect == SqlDialect.Sqlite ? types.Sqlite : types.Postgres, StringComparison.Ordinal);
            }

            if (dialect == SqlDialect.Postgres)
            {
                code = Parameter().Replace(code, "@${name}");
            }

            rendered.Append(code).Append(comment < 0 ? "" : line[comment..]).Append('\n');
        }

        return rendered.ToString().TrimEnd('\n') + "\n";
    }

    private static string Name(SqlDialect dialect) => dialect == SqlDialect.Sqlite ? "sqlite" : "postgres";

    [GeneratedRegex(@"^-- (?<dialect>sqlite|postgres): ?(?<sql>.*)$")]
    private static partial Regex DialectLine();

    [GeneratedRegex(@"\$(?<name>[a-z_]+)")]
    private static partial Regex Parameter();

    private static List<(int Version, string Name, string Sql)> LoadSources()
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var sources = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name => Load(assembly, name))
            .OrderBy(m => m.Version)
            .ToList();
        if (sources.Count == 0)
        {
            throw new InvalidOperationException("StoreBooks.Storage was built without its schema migrations.");
        }

        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Schema migrations must be numbered 1, 2, 3... without gaps; found {sources[i].Name}.");
            }
        }

        return sources;
    }

    private static (int Version, string Name, string Sql) Load(Assembly assembly, string resource)
    {
        var name = resource[ResourcePrefix.Length..];
        var digits = new string(name.TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
        {
            throw new InvalidOperationException($"Schema migration {name} does not start with its number (0002_links_index.sql).");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return (int.Parse(digits, CultureInfo.InvariantCulture), name, reader.ReadToEnd());
    }
}

/// <summary>One numbered migration, rendered for one dialect.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
