using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.Npm;

/// <summary>Runs a script of <c>tests/StoreBooks.Emulators.Tests/npm</c> with Node.js against a running emulator and reads its JSON output.</summary>
internal static class NodeScript
{
    public static string Folder { get; } = FindFolder();

    public static async Task<JsonObject> RunAsync(string script, Uri emulatorBaseUrl, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
        {
            Assert.Fail($"The npm clients are not installed: run `npm ci` in {Folder} (CI's .ci/run does it).");
        }

        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["STOREBOOKS_EMULATOR_URL"] = emulatorBaseUrl.ToString();
        start.Environment["NODE_ENV"] = "production";
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"Node.js could not be started ({e.Message}); install Node.js 20 with npm, then run `npm ci` in {Folder}.");
            throw;
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(90));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var output = await stdout;
            var errors = await stderr;
            Assert.True(process.ExitCode == 0, $"node {script} exited with {process.ExitCode}:\n{errors}\n{output}");
            return JsonNode.Parse(output)?.AsObject() ?? throw new InvalidOperationException($"node {script} printed no JSON:\n{errors}");
        }
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StoreBooks.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "StoreBooks.Emulators.Tests", "npm");
            }
        }

        throw new InvalidOperationException($"No StoreBooks.slnx above {AppContext.BaseDirectory}: the tests must run from a checkout.");
    }
}
