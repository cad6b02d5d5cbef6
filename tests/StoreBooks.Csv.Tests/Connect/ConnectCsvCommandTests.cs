using System.CommandLine;
using System.Diagnostics;
using StoreBooks.Cli.Connect;
using StoreBooks.Storage;
using Xunit;

namespace StoreBooks.Csv.Tests.Connect;

/// <summary><c>storebooks connect csv</c> and <c>storebooks connections</c> in a temporary home, in-process and as the built program.</summary>
public sealed class ConnectCsvCommandTests : IDisposable
{
    private readonly TestFolder _folder = new();
    private readonly string _products = RepositoryFiles.Path("demo/products.csv");
    private readonly string _orders = RepositoryFiles.Path("demo/orders.csv");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Home => Path.Combine(_folder.Path, "home");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Connect_csv_creates_a_connection_with_absolute_paths_and_says_what_it_read()
    {
        var relativeOrders = Path.GetRelativePath(Environment.CurrentDirectory, _orders);

        var (code, output, error) = await RunAsync("connect", "csv", "--products", _products, "--orders", relativeOrders, "--name", "maple-lane", "--home", Home);

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains($"Connection \"maple-lane\" created in {Path.Combine(Home, "storebooks.db")}", output, StringComparison.Ordinal);
        Assert.Contains("(12 products, 25 sellable variants)", output, StringComparison.Ordinal);
        Assert.Contains("(40 orders)", output, StringComparison.Ordinal);
        Assert.Contains("Every row of both files was read.", output, StringComparison.Ordinal);

        await using var store = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(Home), Ct);
        var connection = await store.Connections.FindByNameAsync("maple-lane", Ct);
        Assert.NotNull(connection);
        Assert.Equal("csv", connection.SourceKind);
        Assert.Equal(_products, (string?)connection.SourceSettings["productsPath"]);
        Assert.Equal(_orders, (string?)connection.SourceSettings["ordersPath"]);
        Assert.True(File.Exists(Path.Combine(Home, "secret.key")));
    }

    [Fact]
    public async Task Connecting_again_with_the_same_name_updates_the_connection()
    {
        await RunAsync("connect", "csv", "--products", _products, "--orders", _orders, "--home", Home);
        var newOrders = _folder.Write("orders-november.csv", await File.ReadAllTextAsync(_orders, Ct));

        var (code, output, _) = await RunAsync("connect", "csv", "--products", _products, "--orders", newOrders, "--home", Home);

        Assert.Equal(0, code);
        Assert.Contains("Connection \"csv\" updated", output, StringComparison.Ordinal);
        await using var store = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(Home), Ct);
        var connection = Assert.Single(await store.Connections.ListAsync(Ct));
        Assert.Equal(newOrders, (string?)connection.SourceSettings["ordersPath"]);
    }

    [Fact]
    public async Task Rows_that_cannot_be_read_are_listed_and_the_connection_is_still_saved()
    {
        var orders = (await File.ReadAllTextAsync(_orders, Ct)).Replace(",Organic Cotton Tee - L / Navy,32.00,", ",Organic Cotton Tee - L / Navy,32.0O,", StringComparison.Ordinal);
        var path = _folder.Write("orders.csv", orders);

        var (code, output, _) = await RunAsync("connect", "csv", "--products", _products, "--orders", path, "--home", Home);

        Assert.Equal(0, code);
        Assert.Contains("row(s) cannot be read; each sync reports them and reads the rest:", output, StringComparison.Ordinal);
        Assert.Contains("orders.csv line 2 (order #1001): Lineitem price \"32.0O\" is not a number", output, StringComparison.Ordinal);
        Assert.Contains("Connection \"csv\" created", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swapped_or_missing_files_are_refused_and_nothing_is_saved()
    {
        var (code, _, error) = await RunAsync("connect", "csv", "--products", _orders, "--orders", _products, "--home", Home);

        Assert.Equal(1, code);
        Assert.Contains("orders.csv has no \"Handle\" or \"Variant Price\" column, so it is not a Shopify product export.", error, StringComparison.Ordinal);
        Assert.Contains("products.csv has no \"Name\"", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Home, "storebooks.db")));

        var missing = Path.Combine(_folder.Path, "nope.csv");
        (code, _, error) = await RunAsync("connect", "csv", "--products", _products, "--orders", missing, "--home", Home);
        Assert.Equal(1, code);
        Assert.Contains($"The orders file {missing} does not exist.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_never_closed_in_the_last_row_is_listed_without_a_trace_and_the_connection_is_saved()
    {
        var orders = (await File.ReadAllTextAsync(_orders, Ct)).TrimEnd('\n', '\r') + ",\"cut off here";
        var path = _folder.Write("orders.csv", orders);

        var (code, output, error) = await RunAsync("connect", "csv", "--products", _products, "--orders", path, "--home", Home);

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("(39 orders)", output, StringComparison.Ordinal);
        Assert.Matches(@"orders\.csv line \d+ \(order #\d+\): a value opens with a quote", output);
        Assert.DoesNotContain(" at StoreBooks.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zip", "orders.csv is not a CSV text file")]
    [InlineData("empty", "orders.csv is empty.")]
    [InlineData("header", "orders.csv has no \"Financial Status\"")]
    public async Task An_orders_file_that_is_not_an_export_is_refused_in_a_sentence_and_nothing_is_saved(string kind, string message)
    {
        var path = kind switch
        {
            "zip" => _folder.WriteBytes("orders.csv", Orders.MalformedOrderCsvTests.Binary("zip", await File.ReadAllTextAsync(_orders, Ct))),
            "empty" => _folder.Write("orders.csv", string.Empty),
            _ => _folder.Write("orders.csv", "Name,Email,Total,Customer Id\n#1001,ann@example.com,10.00,42\n"),
        };

        var (code, output, error) = await RunAsync("connect", "csv", "--products", _products, "--orders", path, "--home", Home);

        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved.", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at StoreBooks.", error + output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Home, "storebooks.db")));
    }

    [Fact]
    public async Task Help_explains_the_command_and_its_options()
    {
        var (code, output, _) = await RunAsync("connect", "csv", "--help");

        Assert.Equal(0, code);
        Assert.Contains("Shopify's CSV exports", output, StringComparison.Ordinal);
        foreach (var option in new[] { "--products <FILE>", "--orders <FILE>", "--name <NAME>", "--home <DIR>" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Connections_lists_what_is_saved()
    {
        var (_, empty, _) = await RunAsync("connections", "--home", Home);
        Assert.Contains("No connections yet", empty, StringComparison.Ordinal);

        await RunAsync("connect", "csv", "--products", _products, "--orders", _orders, "--name", "maple-lane", "--home", Home);
        var (code, output, _) = await RunAsync("connections", "--home", Home);

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("maple-lane  csv", lines[1], StringComparison.Ordinal);
        Assert.Contains("not connected", lines[1], StringComparison.Ordinal);
        Assert.Contains($"ordersPath={_orders}", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_program_saves_a_connection_another_process_reads()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "storebooks.dll");
        Assert.True(File.Exists(program), $"{program} is built beside the tests.");

        // This process holds the store open while the program writes to it.
        await using var store = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(Home), Ct);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { program, "connect", "csv", "--products", _products, "--orders", _orders, "--name", "from-cli", "--home", Home })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        var error = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);

        Assert.True(process.ExitCode == 0, error);
        Assert.Contains("Connection \"from-cli\" created", output, StringComparison.Ordinal);
        var connection = await store.Connections.FindByNameAsync("from-cli", Ct);
        Assert.Equal(_orders, (string?)connection?.SourceSettings["ordersPath"]);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand("StoreBooks");
        ConnectCommands.AddTo(root);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, Ct);
        return (code, output.ToString(), error.ToString());
    }
}
