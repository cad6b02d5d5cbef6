using System.CommandLine;
using StoreBooks.Storage;

namespace StoreBooks.Cli.Connect;

/// <summary><c>--home DIR</c>: the folder StoreBooks keeps its state in, on every command that reads or writes state.</summary>
internal static class HomeOption
{
    public static Option<string?> Create() => new("--home")
    {
        Description = $"Folder StoreBooks keeps its state in (default: ${StoreBooksHome.HomeVariable}, else ~/.storebooks).",
        HelpName = "DIR",
    };
}
