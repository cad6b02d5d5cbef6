using System.CommandLine;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Connect;
using StoreBooks.Storage;

namespace StoreBooks.Cli.Doctor;

/// <summary>
/// <c>storebooks doctor</c>: checks the home (secret key, database integrity, file modes, every credential readable, runs left
/// running) and says what to do about each problem; <c>--new-key</c> makes a new secret key when the old one is lost.
/// Exits 0 when all is well, 1 when something needs doing.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var newKey = new Option<bool>("--new-key")
        {
            Description = "The secret key is lost: make a new one. Credentials saved with the old key cannot be read and must be entered again (listed).",
        };
        var home = HomeOption.Create();
        var command = new Command("doctor", "Check the StoreBooks home: secret key, database, file permissions, credentials, runs left running.") { newKey, home };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var resolved = StoreBooksHome.Resolve(parse.GetValue(home));
            if (parse.GetValue(newKey) && resolved.HasSecretKey)
            {
                throw new CliException($"There is a secret key already ({resolved.SecretKeyPath} or {StoreBooksHome.SecretKeyVariable}); --new-key only replaces a lost one. " +
                    "Move the old key away first if you really mean to replace it: the credentials saved with it must then be entered again.");
            }

            await using var state = await StateStore.OpenSqliteAsync(resolved, TimeProvider.System, parse.GetValue(newKey), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(newKey))
            {
                await output.WriteLineAsync($"Made a new secret key in {resolved.SecretKeyPath}. Keep a copy of it with your backups.").ConfigureAwait(false);
            }

            var findings = await HomeCheckup.RunAsync(resolved, state, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"StoreBooks home {resolved.Directory}").ConfigureAwait(false);
            foreach (var finding in findings)
            {
                var todo = finding is { Ok: false, Connection: { } c, CredentialSystem: { } system } ? $" Enter it again: {ReplaceCredential.Command(c, system)}" : "";
                await output.WriteLineAsync($"{(finding.Ok ? "ok     " : "PROBLEM")} {finding.Check}: {finding.Message}{todo}").ConfigureAwait(false);
            }

            var problems = findings.Count(f => !f.Ok);
            await output.WriteLineAsync(problems == 0 ? "All is well." : $"{problems} problem(s) to fix: see above.").ConfigureAwait(false);
            return problems == 0 ? 0 : 1;
        }));
        return command;
    }
}
