using System.CommandLine;
using System.Text.Json.Nodes;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using Xunit;

namespace StoreBooks.Cli.Tests;

/// <summary>The <c>storebooks</c> command tree run in-process against a QuickBooks emulator on loopback, with its own home.</summary>
public sealed class CliHarness : IAsyncDisposable
{
    private CliHarness(EmulatorServer emulator, string home)
    {
        Emulator = emulator;
        Home = home;
    }

    public EmulatorServer Emulator { get; }

    public string Home { get; }

    public static async Task<CliHarness> StartAsync(QboCompanySettings? realm = null)
    {
        var emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Qbo = new QboEmulatorOptions { Realms = [realm ?? QboCompanySettings.DefaultCanada] },
        });
        return new CliHarness(emulator, Path.Combine(Path.GetTempPath(), "storebooks-cli-" + Guid.NewGuid().ToString("N")));
    }

    /// <summary>Runs one command with <c>--home</c> added; returns its exit code and what it printed.</summary>
    public async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var all = args.Contains("--home") || args.FirstOrDefault() is "emulate" or "demo" ? args : [.. args, "--home", Home];
        var code = await StoreBooksCli.RunAsync(all, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    public async Task<JsonNode> RunJsonAsync(params string[] args)
    {
        var (code, output, error) = await RunAsync([.. args, "--json"]);
        Assert.True(code is 0 or 3, $"exit {code}: {error}{output}");
        return JsonNode.Parse(output)!;
    }

    /// <summary>A CSV connection to <paramref name="products"/> and <paramref name="orders"/>, connected to the emulator through OAuth.</summary>
    public async Task ConnectAsync(string products, string orders)
    {
        var csv = await RunAsync("connect", "csv", "--products", products, "--orders", orders, "--name", "shop");
        Assert.True(csv.Code == 0, csv.Error + csv.Output);
        var qbo = await RunAsync("connect", "quickbooks", "--url", Emulator.BaseUrl.AbsoluteUri, "--timeout", "30");
        Assert.True(qbo.Code == 0, qbo.Error + qbo.Output);
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Files of this repository (the demo store), found from the test's build folder.</summary>
internal static class RepositoryFiles
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "StoreBooks.slnx")))
            {
                return System.IO.Path.Combine(dir.FullName, relative);
            }
        }

        throw new FileNotFoundException($"StoreBooks.slnx not found above {AppContext.BaseDirectory}");
    }
}
