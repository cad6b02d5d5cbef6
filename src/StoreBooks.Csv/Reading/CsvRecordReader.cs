using System.Text;

namespace StoreBooks.Csv.Reading;

/// <summary>What is wrong with a record's CSV itself (not its values).</summary>
internal enum CsvFault
{
    None,

    /// <summary>A quote opens a value that is never closed (or not before the value grew past any sensible size).</summary>
    UnclosedQuote,

    /// <summary>A value in quotes is followed by more text before the next comma: a quote inside a value that is not doubled.</summary>
    TextAfterQuote,

    /// <summary>Fewer fields than the header has columns.</summary>
    TooFewFields,

    /// <summary>More fields than the header has columns (and the extra ones are not empty).</summary>
    TooManyFields,
}

/// <summary>
/// One record of a CSV file and the physical lines of the file it spans (a quoted value with line breaks spans several).
/// For a record with a broken quote, <see cref="Fields"/> are only those read before the broken value: they are exact.
/// </summary>
internal sealed record CsvRecord(IReadOnlyList<string> Fields, int FirstLine, int LastLine, CsvFault Fault);

/// <summary>
/// Reads RFC 4180 records forward, one physical line at a time, counting lines as the file has them. A record whose quotes
/// are broken never stops the file: it becomes a faulty record of its first line alone, and reading starts again on the line
/// after it, so every well-formed record after a stray quote still reads. Line breaks inside quoted values are read as "\n".
/// A quote inside a value that does not start with one is kept as text (<c>Planter 6"</c>).
/// </summary>
internal sealed class CsvRecordReader(TextReader text)
{
    /// <summary>The most a record may hold: past it, a quote that opened a value is taken as never closed.</summary>
    private const int MaxRecordLength = 1 << 20;

    /// <summary>Lines read ahead for a record that turned out broken, to be read again as records of their own.</summary>
    private readonly LinkedList<(string Text, int Number)> _replay = new();

    private int _lineNumber;

    /// <summary>Fields a well-formed record has (the header's count); a record spanning lines with another count is broken.</summary>
    public int ExpectedFields { get; set; }

    public async ValueTask<CsvRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        if (await NextLineAsync(cancellationToken).ConfigureAwait(false) is not { } first)
        {
            return null;
        }

        var lines = new List<(string Text, int Number)> { first };
        var fields = new List<string>();
        var value = new StringBuilder();
        var length = 0;
        var fault = Parse(first.Text, fields, value, continuing: false, out var open);
        while (fault == CsvFault.None && open)
        {
            if (await NextLineAsync(cancellationToken).ConfigureAwait(false) is not { } next)
            {
                fault = CsvFault.UnclosedQuote;
                break;
            }

            lines.Add(next);
            length += next.Text.Length;
            if (length > MaxRecordLength)
            {
                fault = CsvFault.UnclosedQuote;
                break;
            }

            value.Append('\n');
            fault = Parse(next.Text, fields, value, continuing: true, out open);
        }

        // A quote that opened on the first line and closed somewhere below is broken when the record comes out the wrong size:
        // the quote was never meant to run on, and the lines it swallowed are records of their own.
        if (fault == CsvFault.None && lines.Count > 1 && ExpectedFields > 0 && fields.Count != ExpectedFields)
        {
            fault = CsvFault.UnclosedQuote;
        }

        if (fault == CsvFault.None)
        {
            return new CsvRecord(fields, first.Number, lines[^1].Number, CsvFault.None);
        }

        for (var i = lines.Count - 1; i >= 1; i--)
        {
            _replay.AddFirst(lines[i]);
        }

        // The broken record is its first line alone; what was read before the broken value is exact.
        var exact = new List<string>();
        var lineFault = Parse(first.Text, exact, new StringBuilder(), continuing: false, out var stillOpen);
        return new CsvRecord(exact, first.Number, first.Number, lineFault == CsvFault.TextAfterQuote ? lineFault : stillOpen ? CsvFault.UnclosedQuote : fault);
    }

    private async ValueTask<(string Text, int Number)?> NextLineAsync(CancellationToken cancellationToken)
    {
        if (_replay.First is { } replayed)
        {
            _replay.RemoveFirst();
            return replayed.Value;
        }

        var line = await text.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        return line is null ? null : (line, ++_lineNumber);
    }

    /// <summary>
    /// Reads the fields of one physical line into <paramref name="fields"/>. <paramref name="continuing"/> is true when the line
    /// goes on with a quoted value opened on a line above (its text so far in <paramref name="value"/>). On return,
    /// <paramref name="open"/> tells that a quoted value runs on to the next line. Stops at the first broken quote; the fields
    /// completed before it are kept.
    /// </summary>
    private static CsvFault Parse(string line, List<string> fields, StringBuilder value, bool continuing, out bool open)
    {
        var inQuotes = continuing;
        var quoted = continuing;
        var closed = false;
        var i = 0;
        if (!continuing)
        {
            value.Clear();
        }

        while (i < line.Length)
        {
            var c = line[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        value.Append('"');
                        i += 2;
                        continue;
                    }

                    inQuotes = false;
                    closed = true;
                }
                else
                {
                    value.Append(c);
                }
            }
            else if (c == ',')
            {
                fields.Add(value.ToString());
                value.Clear();
                quoted = false;
                closed = false;
            }
            else if (closed)
            {
                open = false;
                return CsvFault.TextAfterQuote;
            }
            else if (c == '"' && value.Length == 0 && !quoted)
            {
                inQuotes = true;
                quoted = true;
            }
            else
            {
                value.Append(c);
            }

            i++;
        }

        open = inQuotes;
        if (!open)
        {
            fields.Add(value.ToString());
            value.Clear();
        }

        return CsvFault.None;
    }
}
