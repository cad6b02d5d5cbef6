using System.Text;

namespace StoreBooks.Testing;

/// <summary>
/// A Shopify orders export as a merchant edits it in a text editor: records split where a line ends outside quotes (a quoted note
/// may hold line breaks), fields kept as they are written (quotes included), so what is not changed is written back byte for byte.
/// </summary>
public sealed class OrdersExportText
{
    private OrdersExportText(List<string> header, List<List<string>> rows)
    {
        Header = header;
        Rows = rows;
    }

    public List<string> Header { get; }

    public List<List<string>> Rows { get; }

    public static OrdersExportText Parse(string text)
    {
        var records = new List<List<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                field.Append(c);
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' && !quoted)
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add(fields);
                fields = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(fields);
        }

        return new OrdersExportText(records[0], records.Skip(1).ToList());
    }

    public int Column(string name)
    {
        var index = Header.IndexOf(name);
        return index >= 0 ? index : throw new InvalidOperationException($"The export has no column {name}.");
    }

    public IReadOnlyList<string> OrderNames => Rows.Select(r => r[0]).Distinct().ToList();

    public List<List<string>> RowsOf(string name) => Rows.Where(r => r[0] == name).ToList();

    public string Field(string name, string column) => RowsOf(name)[0][Column(column)];

    /// <summary>Sets a field of the order's first row (the order's own fields are only there).</summary>
    public OrdersExportText Set(string name, string column, string value)
    {
        RowsOf(name)[0][Column(column)] = value;
        return this;
    }

    /// <summary>
    /// Adds a copy of order <paramref name="from"/> named <paramref name="name"/> with store id <paramref name="id"/> (every
    /// mention of the old id replaced, as in its payment references), placed at <paramref name="createdAt"/> when given; it goes
    /// at the end of the file unless <paramref name="first"/>.
    /// </summary>
    public OrdersExportText Clone(string from, string name, string id, string? createdAt = null, bool first = false)
    {
        var oldId = Field(from, "Id");
        var copies = RowsOf(from).Select(r => r.Select(f => f.Replace(oldId, id, StringComparison.Ordinal)).ToList()).ToList();
        foreach (var row in copies)
        {
            row[0] = name;
        }

        if (createdAt is not null)
        {
            copies[0][Column("Created at")] = createdAt;
        }

        if (first)
        {
            Rows.InsertRange(0, copies);
        }
        else
        {
            Rows.AddRange(copies);
        }

        return this;
    }

    public OrdersExportText Remove(string name)
    {
        Rows.RemoveAll(r => r[0] == name);
        return this;
    }

    /// <summary>Adds <paramref name="amount"/> to the order's shipping and total, so that its figures still add up.</summary>
    public OrdersExportText AddToShipping(string name, decimal amount)
    {
        foreach (var column in new[] { "Shipping", "Total" })
        {
            var value = decimal.Parse(Field(name, column), System.Globalization.CultureInfo.InvariantCulture) + amount;
            Set(name, column, value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        }

        return this;
    }

    public OrdersExportText Copy() => Parse(ToString());

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var record in Rows.Prepend(Header))
        {
            text.Append(string.Join(',', record)).Append('\n');
        }

        return text.ToString();
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());
}
