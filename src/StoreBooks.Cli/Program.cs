using System.Globalization;
using StoreBooks.Cli;

// The dashboard (storebooks serve) needs real cultures for French; everything the command line prints stays culture-invariant.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

return await StoreBooksCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
