using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Cli;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Storage;
using StoreBooks.Testing;

namespace StoreBooks.Corpus.Tests;

/// <summary>
/// One corpus case run as a merchant runs it: the emulator is the store (Shopify or WooCommerce, loaded with the case's JSON) and
/// the QuickBooks company; a CSV case's files are connected from a temporary folder. The <c>storebooks</c> commands run in-process
/// on a fresh home; the books are read back with a raw client and the home's links with the state store.
/// </summary>
public sealed class CorpusRig : IAsyncDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "storebooks-corpus-" + Guid.NewGuid().ToString("N"));
    private readonly CorpusCase _case;

    private CorpusRig(EmulatorServer emulator, QboCompanySettings company, CorpusCase corpusCase)
    {
        Emulator = emulator;
        Company = company;
        Books = new QboBooks(emulator, company.RealmId);
        _case = corpusCase;
    }

    public EmulatorServer Emulator { get; }

    public QboCompanySettings Company { get; }

    public QboBooks Books { get; }

    /// <summary>Every command run and what it printed, for the failure message.</summary>
    public StringBuilder Transcript { get; } = new();

    public static async Task<CorpusRig> StartAsync(CorpusCase corpusCase)
    {
        var company = corpusCase.Company;
        var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Qbo = new QboEmulatorOptions { Realms = [company] } });
        return new CorpusRig(emulator, company, corpusCase);
    }

    /// <summary>Loads the store, connects it and QuickBooks, applies the settings, runs <c>sync</c>; answers <c>status --json</c> and the sync's exit code.</summary>
    /// <param name="beforeSync">What the merchant's store changes once loaded and connected, before the first sync.</param>
    public async Task<(JsonNode Status, int SyncCode)> SyncAsync(CancellationToken cancellationToken, Func<Task>? beforeSync = null)
    {
        var url = Emulator.BaseUrl.AbsoluteUri;
        switch (_case.Source)
        {
            case "shopify":
                await AdminAsync("shopify", "reset", """{"demo":false,"generateOrders":0}""", cancellationToken);
                await AdminAsync("shopify", "limits/reset", "{}", cancellationToken);
                foreach (var file in _case.StoreFiles)
                {
                    await AdminAsync("shopify", "seed", await File.ReadAllTextAsync(file, cancellationToken), cancellationToken);
                }

                await RunCleanAsync(cancellationToken, "connect", "shopify", "--shop", "emu-shop", "--token", "demo-token", "--url", url, "--name", "shop");
                break;
            case "woocommerce":
                await AdminAsync("woocommerce", "reset", """{"demo":false,"generateOrders":0}""", cancellationToken);
                foreach (var file in _case.StoreFiles)
                {
                    await AdminAsync("woocommerce", "seed", await File.ReadAllTextAsync(file, cancellationToken), cancellationToken);
                }

                await RunCleanAsync(cancellationToken, "connect", "woocommerce", "--url", url, "--key", "ck_demo", "--secret", "cs_demo", "--name", "shop");
                break;
            case "csv":
                // The files as the merchant has them (bytes unchanged: encoding, BOM, line endings), in a folder of their own.
                var folder = Path.Combine(_home + "-files");
                Directory.CreateDirectory(folder);
                foreach (var file in _case.StoreFiles)
                {
                    File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
                }

                await RunCleanAsync(cancellationToken, "connect", "csv", "--products", Path.Combine(folder, "products.csv"), "--orders", Path.Combine(folder, "orders.csv"), "--name", "shop");
                break;
            default:
                throw new InvalidOperationException($"Case {_case.Name}: unknown source {_case.Source}.");
        }

        await RunCleanAsync(cancellationToken, "connect", "quickbooks", "--url", url, "--timeout", "30");
        await RunCleanAsync(cancellationToken, ["settings", "set", .. _case.Settings]);
        if (beforeSync is not null)
        {
            await beforeSync();
        }

        var sync = await RunAsync(cancellationToken, "sync");
        var status = await RunCleanAsync(cancellationToken, "status", "--json");
        return (JsonNode.Parse(status)!, sync.Code);
    }

    /// <summary>Every link of one kind the home holds for the connection, by store id.</summary>
    public async Task<IReadOnlyList<Link>> LinksAsync(JsonNode status, LinkKind kind, CancellationToken cancellationToken)
    {
        var runs = status["runs"] as JsonArray;
        if (runs is null || runs.Count == 0)
        {
            return [];
        }

        var connectionId = Guid.Parse((string)runs[0]!["connectionId"]!, System.Globalization.CultureInfo.InvariantCulture);
        await using var state = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(_home), cancellationToken);
        return await state.Links.ListAsync(connectionId, kind, null, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Books.Dispose();
        await Emulator.DisposeAsync();
        foreach (var folder in new[] { _home, _home + "-files" })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Runs one <c>storebooks</c> command on the case's home; its exit code and what it printed.</summary>
    public async Task<(int Code, string Output, string Error)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await StoreBooksCli.RunAsync([.. args, "--home", _home], output, error, cancellationToken);
        Transcript.Append("$ storebooks ").AppendJoin(' ', args).Append(" -> ").Append(code).AppendLine();
        if (args[0] != "status")
        {
            Transcript.Append(output).Append(error);
        }

        return (code, output.ToString(), error.ToString());
    }

    private async Task<string> RunCleanAsync(CancellationToken cancellationToken, params string[] args)
    {
        var (code, output, error) = await RunAsync(cancellationToken, args);
        if (code != 0)
        {
            throw new CorpusHarnessException($"storebooks {string.Join(' ', args)}: exit code {code}\n{error}{output}");
        }

        return output;
    }

    /// <summary>Changes the emulated store as its owner would (emulator/&lt;platform&gt;/&lt;path&gt;).</summary>
    public async Task AdminAsync(string platform, string path, string json, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"emulator/{platform}/" + path, UriKind.Relative), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new CorpusHarnessException($"case {_case.Name}: the {platform} emulator refused {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}

/// <summary>A step before the sync failed: the emulator would not load the store data (a corpus bug), or a command such as
/// <c>connect csv</c> failed (a StoreBooks finding: the message has its exit code and output).</summary>
public sealed class CorpusHarnessException(string message) : Exception(message);
