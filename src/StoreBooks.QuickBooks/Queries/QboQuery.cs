using System.Globalization;
using System.Text;

namespace StoreBooks.QuickBooks.Queries;

/// <summary>
/// Builds a QBO query (<c>SELECT * FROM Item WHERE Sku = 'A\'s' AND Active IN (true,false) ORDERBY Id</c>). Values are
/// quoted and escaped (backslash and apostrophe); field names are checked. QBO has no OR; conditions are ANDed.
/// Paging (STARTPOSITION/MAXRESULTS) is added by <see cref="QboQueryService"/>.
/// </summary>
public sealed class QboQuery
{
    private static readonly HashSet<string> Operators = ["=", "<", ">", "<=", ">=", "LIKE"];
    private readonly List<string> _conditions = [];
    private string? _orderBy;

    private QboQuery(string entity) => Entity = entity;

    public string Entity { get; }

    /// <summary>True when the query asks for inactive records too (name lists return active ones only otherwise).</summary>
    public bool IncludesInactive { get; private set; }

    public static QboQuery From(string entity)
    {
        CheckName(entity, nameof(entity));
        return new QboQuery(entity);
    }

    /// <summary>A quoted, escaped string literal: <c>Amy's</c> becomes <c>'Amy\'s'</c>.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            if (c is '\\' or '\'')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.Append('\'').ToString();
    }

    public QboQuery WhereEquals(string field, string value) => Where(field, "=", value);

    /// <summary><paramref name="field"/> <paramref name="op"/> 'value' with op one of = &lt; &gt; &lt;= &gt;= LIKE.</summary>
    public QboQuery Where(string field, string op, string value) => Add(field, op, Quote(value));

    public QboQuery Where(string field, string op, decimal value) => Add(field, op, Quote(value.ToString(CultureInfo.InvariantCulture)));

    public QboQuery Where(string field, string op, DateTimeOffset value) => Add(field, op, Quote(value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)));

    public QboQuery Where(string field, string op, DateOnly value) => Add(field, op, Quote(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    public QboQuery Where(string field, bool value) => Add(field, "=", value ? "true" : "false");

    /// <summary>LIKE with QBO's only wildcard, <c>%</c>, which is passed through (only quotes and backslashes are escaped).</summary>
    public QboQuery WhereLike(string field, string pattern) => Where(field, "LIKE", pattern);

    /// <summary><c>field IN ('a', 'b')</c>; at least one value.</summary>
    public QboQuery WhereIn(string field, IEnumerable<string> values)
    {
        CheckName(field, nameof(field));
        var quoted = values.Select(Quote).ToList();
        if (quoted.Count == 0)
        {
            throw new ArgumentException($"An IN condition on {field} needs at least one value.", nameof(values));
        }

        _conditions.Add($"{field} IN ({string.Join(", ", quoted)})");
        return this;
    }

    /// <summary>Also return inactive records (<c>Active IN (true, false)</c>): needed to find a name QBO still holds.</summary>
    public QboQuery IncludeInactive()
    {
        if (!IncludesInactive)
        {
            IncludesInactive = true;
            _conditions.Add("Active IN (true, false)");
        }

        return this;
    }

    public QboQuery OrderBy(string field, bool descending = false)
    {
        CheckName(field, nameof(field));
        _orderBy = descending ? $"{field} DESC" : field;
        return this;
    }

    /// <summary>The <c>SELECT *</c> text with optional paging.</summary>
    public string ToSelect(int? startPosition = null, int? maxResults = null)
    {
        var text = new StringBuilder("SELECT * FROM ").Append(Entity);
        AppendWhere(text);
        if (_orderBy is not null)
        {
            text.Append(" ORDERBY ").Append(_orderBy);
        }

        if (startPosition is { } start)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(start, 1, nameof(startPosition));
            text.Append(" STARTPOSITION ").Append(start.ToString(CultureInfo.InvariantCulture));
        }

        if (maxResults is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(maxResults));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(max, 1000, nameof(maxResults));
            text.Append(" MAXRESULTS ").Append(max.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>The <c>SELECT COUNT(*)</c> text.</summary>
    public string ToCount()
    {
        var text = new StringBuilder("SELECT COUNT(*) FROM ").Append(Entity);
        AppendWhere(text);
        return text.ToString();
    }

    public override string ToString() => ToSelect();

    private QboQuery Add(string field, string op, string literal)
    {
        CheckName(field, nameof(field));
        var normalized = op.Trim().ToUpperInvariant();
        if (!Operators.Contains(normalized))
        {
            throw new ArgumentException($"QBO queries support = < > <= >= LIKE and IN, not '{op}'.", nameof(op));
        }

        _conditions.Add($"{field} {normalized} {literal}");
        return this;
    }

    private void AppendWhere(StringBuilder text)
    {
        if (_conditions.Count > 0)
        {
            text.Append(" WHERE ").Append(string.Join(" AND ", _conditions));
        }
    }

    private static void CheckName(string name, string parameter)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_'))
        {
            throw new ArgumentException($"'{name}' is not a QBO entity or field name (letters, digits, '.' and '_').", parameter);
        }
    }
}
