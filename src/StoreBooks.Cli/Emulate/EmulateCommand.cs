using System.CommandLine;
using StoreBooks.Emulators;

namespace StoreBooks.Cli.Emulate;

/// <summary><c>storebooks emulate</c>: QuickBooks Online (and Intuit OAuth) on loopback, for trying StoreBooks without an account.</summary>
internal static class EmulateCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "Port on 127.0.0.1 to listen on (0 picks a free one).",
            DefaultValueFactory = _ => 5055,
        };
        var quiet = new Option<bool>("--quiet") { Description = "Do not log each request." };

        var command = new Command("emulate", "Serve emulated QuickBooks Online and Intuit OAuth 2.0 on 127.0.0.1, at their real paths.")
        {
            port,
            quiet,
        };
        var stores = new StoreEmulatorOptions();
        stores.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = stores.Apply(parse, new EmulatorOptions { Port = parse.GetValue(port), LogRequests = !parse.GetValue(quiet) });
            await using var server = await EmulatorServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"StoreBooks emulator listening on {server.BaseUrl}");
            Console.WriteLine($"  Intuit OAuth discovery: {new Uri(server.BaseUrl, ".well-known/openid_configuration")}");
            foreach (var line in StoreEmulatorOptions.Describe(server))
            {
                Console.WriteLine(line);
            }

            Console.WriteLine("Press Ctrl+C to stop.");
            await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
