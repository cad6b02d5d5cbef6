using StoreBooks.Cli;

return await StoreBooksCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
