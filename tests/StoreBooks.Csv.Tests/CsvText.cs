using System.Text;

namespace StoreBooks.Csv.Tests;

/// <summary>Writes small CSV files for tests: a header and rows given by column name (absent columns are empty), quoted as RFC 4180 says.</summary>
public sealed class CsvText
{
    private readonly List<IReadOnlyDictionary<string, string>> _rows = [];

    public CsvText Row(IReadOnlyDictionary<string, string> row)
    {
        _rows.Add(row);
        return this;
    }

    public CsvText Rows(IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        _rows.AddRange(rows);
        return this;
    }

    public string ToCsv(IReadOnlyList<string> header)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', header.Select(Quote))).Append('\n');
        foreach (var row in _rows)
        {
            text.Append(string.Join(',', header.Select(column => Quote(row.TryGetValue(column, out var value) ? value : string.Empty)))).Append('\n');
        }

        return text.ToString();
    }

    public static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}

/// <summary>A temporary folder for the files of one test.</summary>
public sealed class TestFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "storebooks-csv-tests", Guid.NewGuid().ToString("N"));

    public TestFolder()
    {
        Directory.CreateDirectory(Path);
    }

    public string Write(string name, string content, bool byteOrderMark = false)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, content, new UTF8Encoding(byteOrderMark));
        return path;
    }

    /// <summary>Writes bytes as they are: another encoding than UTF-8, or a file that is not text at all.</summary>
    public string WriteBytes(string name, byte[] content)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // left to the system's temp cleaning
        }
    }
}
