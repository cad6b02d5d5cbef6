using System.Text;
using StoreBooks.Core.Messages;

namespace StoreBooks.Csv.Reading;

/// <summary>
/// Decides how a file's bytes are text before it is read: a byte order mark says it (UTF-8, UTF-16); otherwise UTF-8 when every
/// byte sequence is valid UTF-8, else Windows-1252 (what spreadsheet programs on Windows save, so "Café" comes through).
/// A file that is not text at all (a zip, an image renamed .csv) or holds nothing is told apart, so it is one clear problem.
/// </summary>
internal static class CsvEncoding
{
    /// <summary>Bytes looked at to tell text from binary.</summary>
    private const int SniffLength = 0x10000;

    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>The file's text encoding, or the reason it is not a CSV text file at all.</summary>
    public static async Task<(Encoding? Encoding, SyncMessage? Problem)> DetectAsync(Stream stream, string fileName, CancellationToken cancellationToken)
    {
        var head = new byte[SniffLength];
        var length = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var span = head.AsSpan(0, length);
        Encoding? byBom = span switch
        {
            [0xEF, 0xBB, 0xBF, ..] => new UTF8Encoding(false),
            [0xFF, 0xFE, ..] => Encoding.Unicode,
            [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
            _ => null,
        };

        var bomLength = byBom switch { UTF8Encoding => 3, null => 0, _ => 2 };
        if (IsBlank(span[bomLength..], byBom is UnicodeEncoding) && length < head.Length)
        {
            return (null, CsvMessages.FileEmpty.With(("file", fileName)));
        }

        if (byBom is not null)
        {
            return (byBom, null);
        }

        if (LooksBinary(span))
        {
            return (null, CsvMessages.FileBinary.With(("file", fileName)));
        }

        return (await IsUtf8Async(stream, head, length, cancellationToken).ConfigureAwait(false) ? new UTF8Encoding(false) : Windows1252, null);
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes, bool utf16)
    {
        foreach (var b in bytes)
        {
            if (!(b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' || (utf16 && b == 0)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Text has no NUL bytes and few control characters; zip archives, images and office files have both.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var control = 0;
        foreach (var b in bytes)
        {
            if (b == 0)
            {
                return true;
            }

            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f'))
            {
                control++;
            }
        }

        return control > Math.Max(8, bytes.Length / 100);
    }

    /// <summary>Reads the whole file once: true when it is valid UTF-8 from start to end.</summary>
    private static async Task<bool> IsUtf8Async(Stream stream, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        try
        {
            while (length > 0)
            {
                decoder.GetCharCount(buffer, 0, length, flush: false);
                length = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            decoder.GetCharCount([], 0, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
