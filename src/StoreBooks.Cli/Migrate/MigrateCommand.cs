using System.CommandLine;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Serve;
using StoreBooks.Storage;
using StoreBooks.Storage.Moving;
using StoreBooks.Storage.Secrets;

namespace StoreBooks.Cli.Migrate;

/// <summary>
/// <c>storebooks migrate --from-home DIR --database CONNECTION [--workspace NAME] [--key-file FILE]</c>: moves a single-machine
/// home into a workspace of a hosted database (<see cref="HomeMove"/>), so the merchant moves to a host without syncing again.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var fromHome = new Option<string>("--from-home")
        {
            Description = "The home to move: the folder with its storebooks.db and secret.key (or set STOREBOOKS_SECRET_KEY to its key).",
            HelpName = "DIR",
            Required = true,
        };
        fromHome.Aliases.Add("--home"); // as every other command names a home (and where a failure's details are logged)
        var workspace = new Option<string?>("--workspace")
        {
            Description = "The workspace of the database to move it into, by name (default: the home's workspace name). It is made when " +
                "missing, and must have no connections yet.",
            HelpName = "NAME",
        };
        var hosted = new HostedServeOptions();
        var command = new Command(
            "migrate",
            "Move a single-machine home (connections, settings, credentials, links, runs, issues, cursors, users) into a workspace of a " +
            "hosted PostgreSQL database, so syncing from there carries on where the home stopped. All or nothing.")
        {
            fromHome, workspace, hosted.Database, hosted.KeyFile,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            var database = hosted.ConnectionString(parse)
                ?? throw new CliException($"migrate needs the hosted database: --database \"Host=…;Database=…;Username=…;Password=…\" (or ${HostedServeOptions.DatabaseVariable}).");
            var home = StoreBooksHome.Resolve(parse.GetValue(fromHome));
            HomeMoveReport report;
            try
            {
                var keys = OperatorKeys.Load(parse.GetValue(hosted.KeyFile));
                report = await HomeMove.MoveAsync(home, database, keys, parse.GetValue(workspace), TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HomeMoveException or KeyRingException or StoreBooksHomeException)
            {
                throw new CliException(e.Message);
            }
            catch (ArgumentException e)
            {
                throw new CliException($"--database is not a PostgreSQL connection string such as Host=db;Database=storebooks;Username=storebooks;Password=…: {e.Message}");
            }
            catch (InvalidOperationException e) when (e.InnerException is Npgsql.NpgsqlException)
            {
                throw new CliException($"{e.Message} (from --database or ${HostedServeOptions.DatabaseVariable})");
            }
            catch (Npgsql.NpgsqlException e)
            {
                throw new CliException($"StoreBooks cannot move the home into the PostgreSQL database (from --database or ${HostedServeOptions.DatabaseVariable}): {e.Message}. Nothing was changed.");
            }

            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(
                $"Moved the home {home.Directory} into the {(report.WorkspaceCreated ? "new" : "empty")} workspace \"{report.WorkspaceName}\" of the hosted database: " +
                $"{report["connections"]} connection(s), {report["credentials"]} credential(s), {report["links"]} link(s), {report["cursors"]} cursor(s), " +
                $"{report["sync_runs"]} run(s), {report["sync_issues"]} issue(s), {report["users"]} user(s).").ConfigureAwait(false);
            await output.WriteLineAsync(
                "Sync from the database from now on (storebooks serve --database) and no longer from the home: both would post the same new orders.").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
