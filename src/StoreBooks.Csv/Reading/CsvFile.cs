using StoreBooks.Core.Messages;

namespace StoreBooks.Csv.Reading;

/// <summary>
/// A CSV export read forward, one record at a time, with columns found by name (case and surrounding spaces ignored),
/// so shuffled and older exports with fewer columns read the same. Records are placed by the physical lines of the file:
/// the header is line 1, and a record with line breaks inside quotes spans several lines ("orders.csv lines 12-14").
/// A record whose CSV is broken (a stray quote, too many or too few fields) is still handed out, with its <see cref="Fault"/>.
/// </summary>
internal sealed class CsvFile : IDisposable
{
    private readonly StreamReader _text;
    private readonly CsvRecordReader _reader;
    private readonly Dictionary<string, int> _columns;
    private readonly IReadOnlyList<string> _header;
    private CsvRecord _record;

    private CsvFile(string path, StreamReader text, CsvRecordReader reader, CsvRecord header)
    {
        Path = path;
        FileName = System.IO.Path.GetFileName(path);
        _text = text;
        _reader = reader;
        _record = header;
        _header = header.Fields.Select(name => name.Trim('\uFEFF', ' ', '\t')).ToList();
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _header.Count; i++)
        {
            _columns.TryAdd(_header[i], i);
        }

        reader.ExpectedFields = _header.Count;
    }

    public string Path { get; }

    /// <summary>The file's name, for messages ("orders.csv").</summary>
    public string FileName { get; }

    /// <summary>Columns the header names.</summary>
    public int ColumnCount => _header.Count;

    /// <summary>The first physical line of the current record (header = 1).</summary>
    public int FirstLine => _record.FirstLine;

    /// <summary>The last physical line of the current record; after <see cref="FirstLine"/> when a quoted value has line breaks.</summary>
    public int LastLine => _record.LastLine;

    /// <summary>Where the current record is, for messages: "orders.csv line 5", "orders.csv lines 5-7".</summary>
    public string Location => Place.Text;

    /// <summary><see cref="Location"/> as a message, for messages in the reader's language.</summary>
    public SyncMessage Place => PlaceOf(FileName, FirstLine, LastLine);

    /// <summary>Fields the current record has (for a broken quote, those read before it).</summary>
    public int RowFieldCount => _record.Fields.Count;

    /// <summary>What is wrong with the current record's CSV; <see cref="CsvFault.None"/> for a well-formed record.</summary>
    public CsvFault Fault => _record.Fault;

    /// <summary>"orders.csv line 5" or "orders.csv lines 5-7".</summary>
    public static string Lines(string fileName, int first, int last) => PlaceOf(fileName, first, last).Text;

    /// <summary><see cref="Lines"/> as a message.</summary>
    public static SyncMessage PlaceOf(string fileName, int first, int last) =>
        first == last ? CsvMessages.Line.With(("file", fileName), ("line", first)) : CsvMessages.Lines.With(("file", fileName), ("first", first), ("last", last));

    /// <summary>
    /// Opens a CSV file and reads its header; the problem instead when the file is missing, cannot be opened, is empty or is not
    /// text. The encoding is found from the bytes (see <see cref="CsvEncoding"/>).
    /// </summary>
    public static async Task<(CsvFile? File, SyncMessage? Problem)> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var fileName = System.IO.Path.GetFileName(path);
        if (!File.Exists(path))
        {
            return (null, CsvMessages.FileMissing.With(("path", path)));
        }

        FileStream? stream = null;
        StreamReader? text = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 0x10000, useAsync: true);
            var (encoding, problem) = await CsvEncoding.DetectAsync(stream, fileName, cancellationToken).ConfigureAwait(false);
            if (encoding is null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                return (null, problem);
            }

            stream.Position = 0;
            text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 0x10000);
            var reader = new CsvRecordReader(text);
            CsvRecord? header;
            do
            {
                header = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            while (header is not null && header.Fault == CsvFault.None && header.Fields.All(string.IsNullOrWhiteSpace));

            if (header is null || header.Fault != CsvFault.None)
            {
                text.Dispose();
                return (null, header is null
                    ? CsvMessages.FileEmpty.With(("file", fileName))
                    : CsvMessages.FileHeader.With(("at", PlaceOf(fileName, header.FirstLine, header.LastLine)), ("fault", Describe(header.Fault, header.Fields.Count, 0))));
            }

            return (new CsvFile(path, text, reader, header), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            text?.Dispose();
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            return (null, CsvMessages.FileUnreadable.With(("path", path), ("detail", e.Message)));
        }
        catch
        {
            text?.Dispose();
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>What a fault means, in words a merchant can act on.</summary>
    public static SyncMessage Describe(CsvFault fault, int fields, int columns) => fault switch
    {
        CsvFault.UnclosedQuote => CsvMessages.UnclosedQuote.With(),
        CsvFault.TextAfterQuote => CsvMessages.TextAfterQuote.With(),
        CsvFault.TooFewFields => CsvMessages.TooFewFields.With(("fields", fields), ("columns", columns)),
        CsvFault.TooManyFields => CsvMessages.TooManyFields.With(("fields", fields), ("columns", columns)),
        _ => CsvMessages.WellFormed.With(),
    };

    /// <summary>What is wrong with the current record, in words.</summary>
    public SyncMessage FaultMessage => Describe(Fault, RowFieldCount, ColumnCount);

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The ordinal of <paramref name="column"/>, or -1 when the export has no such column.</summary>
    public int Ordinal(string column) => _columns.TryGetValue(column, out var ordinal) ? ordinal : -1;

    /// <summary>The trimmed text of a field; empty when the column is absent or the record does not have it.</summary>
    public string Get(int ordinal) =>
        ordinal < 0 || ordinal >= _record.Fields.Count ? string.Empty : _record.Fields[ordinal].Trim();

    /// <summary>
    /// True when the field can be trusted: the record is well formed, or the field was read before its broken quote, or the
    /// row was cut short after it. In a row with too many fields no value is known to be in its column.
    /// </summary>
    public bool IsExact(int ordinal) => ordinal >= 0 && ordinal < _record.Fields.Count && _record.Fault != CsvFault.TooManyFields;

    /// <summary>Moves to the next record, skipping blank lines and a header repeated where two exports were pasted together.</summary>
    public async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (await _reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } record)
        {
            if (record.Fault == CsvFault.None && (record.Fields.All(string.IsNullOrWhiteSpace) || RepeatsHeader(record)))
            {
                continue;
            }

            if (record.Fault == CsvFault.None && record.Fields.Count < _header.Count)
            {
                record = record with { Fault = CsvFault.TooFewFields };
            }
            else if (record.Fault == CsvFault.None && record.Fields.Count > _header.Count && record.Fields.Skip(_header.Count).Any(f => !string.IsNullOrWhiteSpace(f)))
            {
                record = record with { Fault = CsvFault.TooManyFields };
            }

            _record = record;
            return true;
        }

        return false;
    }

    public void Dispose() => _text.Dispose();

    private bool RepeatsHeader(CsvRecord record) =>
        record.Fields.Count == _header.Count && record.Fields.Select(f => f.Trim()).SequenceEqual(_header, StringComparer.OrdinalIgnoreCase);
}
