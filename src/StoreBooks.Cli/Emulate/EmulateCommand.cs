using System.CommandLine;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;

namespace StoreBooks.Cli.Emulate;

/// <summary><c>storebooks emulate</c>: QuickBooks Online (and Intuit OAuth) on loopback, for trying StoreBooks without an account.</summary>
internal static class EmulateCommand
{
    public static Command Create()
    {
        var options = new EmulateOptions();
        var command = new Command("emulate", "Serve emulated QuickBooks Online (with Intuit OAuth 2.0), Shopify and WooCommerce on 127.0.0.1, at their real paths.");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        var stores = new StoreEmulatorOptions();
        stores.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var (qboOptions, problem) = options.Bind(parse);
            if (qboOptions is null)
            {
                await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
                return 2;
            }

            var emulatorOptions = stores.Apply(parse, qboOptions);

            EmulatorServer server;
            try
            {
                server = await EmulatorServer.StartAsync(emulatorOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 1;
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"Could not listen on 127.0.0.1:{emulatorOptions.Port}: {e.Message} Pick another --port (0 picks a free one).").ConfigureAwait(false);
                return 1;
            }

            await using (server.ConfigureAwait(false))
            {
                PrintBanner(server);
                await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    private static void PrintBanner(EmulatorServer server)
    {
        var qbo = server.Qbo;
        var o = qbo.Options;
        string At(string path) => new Uri(server.BaseUrl, path).ToString();
        Console.WriteLine($"StoreBooks emulator listening on {server.BaseUrl}");
        Console.WriteLine($"  QBO API base URL   {At("v3/company/")}<realmId>/…");
        Console.WriteLine($"  OAuth discovery    {At(".well-known/openid_configuration")}");
        Console.WriteLine($"  Authorize / token  {At("connect/oauth2")}  {At("oauth2/v1/tokens/bearer")}");
        Console.WriteLine($"  Revoke             {At("v2/oauth2/tokens/revoke")}");
        Console.WriteLine($"  Client id/secret   {o.ClientId} / {o.ClientSecret}   (access tokens live {o.AccessTokenLifetime.TotalSeconds:0} s)");
        var settings = qbo.RealmSettings.ToDictionary(s => s.RealmId);
        foreach (var realmId in qbo.Companies.RealmIds.Order(StringComparer.Ordinal))
        {
            var line = settings.TryGetValue(realmId, out var s) ? Describe(s) : "";
            var mark = realmId == qbo.Companies.DefaultRealmId ? "  (default: /connect/oauth2 connects it)" : "";
            Console.WriteLine($"  Realm              {realmId}  {line}{mark}");
        }

        Console.WriteLine($"  Tokens without a browser: POST {At("emulator/qbo/<realmId>/tokens")}");
        Console.WriteLine($"  Faults / counters  {At("emulator/qbo/<realmId>/faults")}  {At("emulator/qbo/<realmId>/counters")}");
        var limits = qbo.Traffic.Limits;
        Console.WriteLine($"  Limits             {Limit(limits.RequestsPerWindow)}/min per realm, {Limit(limits.MaxInFlight)} in flight, batch {Limit(limits.BatchesPerWindowPerApp)}/min per app and {Limit(limits.BatchesPerWindow)}/min per realm; Retry-After {(limits.SendRetryAfter ? "on" : "off")}");
        var faults = o.Faults;
        if (faults != new Emulators.Qbo.Traffic.QboFaultSettings())
        {
            Console.WriteLine($"  Faults (every realm) latency {faults.LatencyMs}+{faults.LatencyJitterMs} ms, fail {faults.FailRate:0.###} ({faults.FailStatus}), throttle {faults.ThrottleRate:0.###}, drop {faults.DropRate:0.###}, seed {faults.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "random"}");
        }

        var hooks = qbo.Webhooks.Settings;
        Console.WriteLine(hooks.Url is null
            ? "  Webhooks           off (--webhook-url to send them)"
            : $"  Webhooks           {hooks.Url} ({hooks.Format}), intuit-signature keyed with verifier token '{hooks.VerifierToken}'");
        Console.WriteLine($"  Data file          {qbo.DataFilePath ?? "none: state is lost at exit (--data FILE keeps it)"}");
        foreach (var line in StoreEmulatorOptions.Describe(server))
        {
            Console.WriteLine(line);
        }

        Console.WriteLine("Press Ctrl+C to stop.");
    }

    private static string Describe(QboCompanySettings s) =>
        $"{s.CompanyName}, {s.Country}, {s.HomeCurrency}, inventory {(s.TrackInventory ? "on" : "off")}, custom txn numbers {(s.CustomTxnNumbers ? "on" : "off")}{(s.MultiCurrency ? ", multicurrency" : "")}";

    private static string Limit(int value) => value > 0 ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unlimited";
}
