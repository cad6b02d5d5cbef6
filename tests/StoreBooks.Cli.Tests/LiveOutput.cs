using System.Text;
using System.Text.RegularExpressions;

namespace StoreBooks.Cli.Tests;

/// <summary>What a long-running command (serve, demo --web) has printed so far, readable while it runs.</summary>
internal sealed class LiveOutput : TextWriter
{
    private readonly Lock _lock = new();
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_lock)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            _text.Append(value);
        }
    }

    /// <summary>The first group of <paramref name="pattern"/> once it is printed; fails when the command ends first or after 60 seconds.</summary>
    public async Task<string> WaitForAsync(string pattern, Task<int> command)
    {
        for (var waited = 0; waited < 60_000; waited += 50)
        {
            if (Regex.Match(Text, pattern, RegexOptions.Multiline) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }

            if (command.IsCompleted)
            {
                throw new InvalidOperationException($"The command ended (exit {await command}) without printing /{pattern}/:\n{Text}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Nothing matched /{pattern}/ within 60 seconds:\n{Text}");
    }
}
