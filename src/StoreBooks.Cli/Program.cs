using StoreBooks.Cli;

return await StoreBooksCli.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
