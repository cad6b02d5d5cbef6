using Sylvan.Data.Csv;

namespace StoreBooks.Csv.Reading;

/// <summary>
/// A CSV export read forward, one record at a time, with columns found by name (case and surrounding spaces ignored),
/// so shuffled and older exports with fewer columns read the same. Rows are numbered as a spreadsheet shows them:
/// the header is row 1, the first record row 2, and a record with line breaks inside quotes is still one row.
/// </summary>
internal sealed class CsvFile : IAsyncDisposable
{
    private readonly CsvDataReader _reader;
    private readonly Dictionary<string, int> _columns;

    private CsvFile(string path, CsvDataReader reader)
    {
        Path = path;
        FileName = System.IO.Path.GetFileName(path);
        _reader = reader;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader.GetName(i).Trim('\uFEFF', ' ', '\t');
            _columns.TryAdd(name, i);
        }
    }

    public string Path { get; }

    /// <summary>The file's name, for messages ("orders.csv").</summary>
    public string FileName { get; }

    /// <summary>The current record's row number (header = 1).</summary>
    public int Row { get; private set; } = 1;

    /// <summary>Columns the header names.</summary>
    public int ColumnCount => _reader.FieldCount;

    /// <summary>Fields the current record has; fewer than <see cref="ColumnCount"/> when the row is cut short.</summary>
    public int RowFieldCount => _reader.RowFieldCount;

    public static async Task<CsvFile> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The CSV file {path} does not exist. Check the path, or export the file again from the store.", path);
        }

        var options = new CsvDataReaderOptions
        {
            HasHeaders = true,
            Delimiter = ',',
            Comment = '\0', // Shopify order names start with '#': no comment lines in these exports.
            BufferSize = 0x10000,
            MaxBufferSize = 0x1000000,
            OwnsReader = true,
        };
        var text = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        try
        {
            var reader = await CsvDataReader.CreateAsync(text, options, cancellationToken).ConfigureAwait(false);
            return new CsvFile(path, reader);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The ordinal of <paramref name="column"/>, or -1 when the export has no such column.</summary>
    public int Ordinal(string column) => _columns.TryGetValue(column, out var ordinal) ? ordinal : -1;

    /// <summary>The trimmed text of a field; empty when the column is absent or the row is short.</summary>
    public string Get(int ordinal) =>
        ordinal < 0 || ordinal >= _reader.RowFieldCount ? string.Empty : _reader.GetString(ordinal).Trim();

    /// <summary>Moves to the next record, skipping blank lines.</summary>
    public async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (await _reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Row++;
            if (!IsBlank())
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask DisposeAsync() => await _reader.DisposeAsync().ConfigureAwait(false);

    private bool IsBlank()
    {
        for (var i = 0; i < _reader.RowFieldCount; i++)
        {
            if (!_reader.GetFieldSpan(i).IsWhiteSpace())
            {
                return false;
            }
        }

        return true;
    }
}
