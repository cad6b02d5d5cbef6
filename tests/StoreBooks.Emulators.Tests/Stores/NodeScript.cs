using System.Diagnostics;
using System.Text.Json.Nodes;
using StoreBooks.Emulators;
using Xunit;

namespace StoreBooks.Emulators.Tests.Stores;

/// <summary>Runs a script of <c>tests/StoreBooks.Emulators.Tests/npm-stores</c> with node against a running emulator and parses its JSON output.</summary>
public static class NodeScript
{
    public static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "StoreBooks.Emulators.Tests", "npm-stores");
                if (File.Exists(Path.Combine(candidate, "package.json")))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("tests/StoreBooks.Emulators.Tests/npm-stores was not found above the test binaries.");
        }
    }

    public static async Task<JsonObject> RunAsync(string script, EmulatorServer server, CancellationToken cancellationToken)
    {
        var folder = Folder;
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            Assert.Fail($"The npm clients are not installed: run `npm ci` in {folder} (CI does this in .ci/run).");
        }

        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["EMULATOR_PORT"] = server.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start; is Node.js on PATH?");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var stdout = await output;
        Assert.True(process.ExitCode == 0, $"node {script} exited {process.ExitCode}: {await errors}\n{stdout}");
        return JsonNode.Parse(stdout)!.AsObject();
    }
}
