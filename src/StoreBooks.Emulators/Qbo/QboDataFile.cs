using System.Text.Json;
using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Qbo;

/// <summary>
/// <c>--data FILE</c>: the QBO emulator's state (realms with their settings and entities, OAuth grants and tokens) kept across restarts.
/// Loaded at start; rewritten <see cref="QboEmulatorOptions.DataSaveDelay"/> after a change (later changes join that
/// save) and at shutdown, always atomically: a temporary file beside it, then a rename over it.
/// </summary>
internal sealed class QboDataFile : IDisposable
{
    private const string Format = "storebooks-qbo-emulator";
    private const int Version = 1;

    private readonly object _saveLock = new();
    private readonly string _path;
    private readonly QboEmulator _qbo;
    private readonly TimeSpan _delay;
    private readonly ITimer _timer;
    private int _pending;

    public QboDataFile(string path, QboEmulator qbo)
    {
        _path = Path.GetFullPath(path);
        _qbo = qbo;
        _delay = qbo.Options.DataSaveDelay;
        _timer = qbo.Time.CreateTimer(_ => SaveFromTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string FullPath => _path;

    /// <summary>Reads the file when it exists; a missing file is a fresh start.</summary>
    public void Load()
    {
        if (!File.Exists(_path))
        {
            return;
        }

        JsonObject state;
        try
        {
            state = JsonNode.Parse(File.ReadAllText(_path))?.AsObject() ?? throw new InvalidDataException("the file holds JSON null");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or InvalidDataException)
        {
            throw new InvalidDataException($"The emulator data file {_path} is not valid JSON ({e.Message}). Fix it, delete it to start empty, or pass another --data path.", e);
        }

        if (state["format"]?.GetValue<string>() != Format)
        {
            throw new InvalidDataException($"{_path} is not a StoreBooks QBO emulator data file (no \"format\":\"{Format}\"). Pass another --data path.");
        }

        var version = state["version"]?.GetValue<int>();
        if (version != Version)
        {
            throw new InvalidDataException($"{_path} has data format version {version}; this emulator reads version {Version}. Delete it to start empty.");
        }

        if (state["companies"] is JsonObject companies)
        {
            try
            {
                _qbo.Companies.Import(companies);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"The companies in {_path} cannot be loaded: {e.Message} Delete the file to start empty, or pass another --data path.", e);
            }
        }

        if (state["oauth"] is JsonObject oauth)
        {
            _qbo.OAuth.Import(oauth);
        }
    }

    /// <summary>Schedules a save <see cref="QboEmulatorOptions.DataSaveDelay"/> from now unless one is already pending.</summary>
    public void MarkChanged()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _timer.Change(_delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Writes the state now: to a temporary file, flushed, then renamed over the data file.</summary>
    public void Save()
    {
        lock (_saveLock)
        {
            Interlocked.Exchange(ref _pending, 0);
            var state = new JsonObject
            {
                ["format"] = Format,
                ["version"] = Version,
                ["savedAt"] = _qbo.Time.GetUtcNow().ToString("O"),
                ["companies"] = _qbo.Companies.Export(),
                ["oauth"] = _qbo.OAuth.Export(),
            };
            var directory = Path.GetDirectoryName(_path)!;
            Directory.CreateDirectory(directory);
            var temp = Path.Combine(directory, $".{Path.GetFileName(_path)}.{Environment.ProcessId}.tmp");
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                state.WriteTo(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, _path, overwrite: true);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void SaveFromTimer()
    {
        try
        {
            Save();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"StoreBooks emulator: could not save {_path}: {e.Message}. The state is kept in memory; it is saved again after the next change and at shutdown.");
        }
    }
}
