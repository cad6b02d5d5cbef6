using System.Diagnostics;
using System.Text;

namespace StoreBooks.Testing;

/// <summary>What a finished run of the program printed and returned.</summary>
public sealed record ProgramResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n--- output\n{Output}\n--- error\n{Error}";
}

/// <summary>
/// The built <c>storebooks</c> program (copied beside the tests), run as a child process on one StoreBooks home, with the
/// environment a test gives it (the QuickBooks request budget for an emulator with raised limits).
/// </summary>
public sealed class StorebooksProgram
{
    private readonly string _home;
    private readonly IReadOnlyDictionary<string, string> _environment;

    public StorebooksProgram(string home, IReadOnlyDictionary<string, string>? environment = null)
    {
        _home = home;
        _environment = environment ?? new Dictionary<string, string>();
        if (!File.Exists(ProgramPath))
        {
            throw new InvalidOperationException($"{ProgramPath} is not built beside the tests; build the solution first.");
        }
    }

    public static string ProgramPath => Path.Combine(AppContext.BaseDirectory, "storebooks.dll");

    /// <summary>Runs a command on the home (<c>--home</c> is added) and waits for it to end.</summary>
    public async Task<ProgramResult> RunAsync(TimeSpan timeout, CancellationToken cancellationToken, params string[] arguments)
    {
        using var running = Start(arguments);
        return await running.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a command with <paramref name="input"/> on its standard input (then closed), and waits for it to end.</summary>
    public async Task<ProgramResult> RunWithInputAsync(string input, TimeSpan timeout, CancellationToken cancellationToken, params string[] arguments)
    {
        using var running = Start(input, arguments);
        return await running.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a command on the home (<c>--home</c> is added) without waiting.</summary>
    public RunningProgram Start(params string[] arguments) => Start(null, arguments);

    private RunningProgram Start(string? input, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ProgramPath);
        foreach (var argument in arguments.Concat(["--home", _home]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("STOREBOOKS_HOME");
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        return new RunningProgram(process, string.Join(' ', arguments));
    }
}

/// <summary>A started <c>storebooks</c> process: its output is collected as it comes; it can be waited for or killed.</summary>
public sealed class RunningProgram : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    public RunningProgram(Process process, string command)
    {
        _process = process;
        Command = command;
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Command { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public async Task<ProgramResult> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw new TimeoutException($"storebooks {Command} did not end within {timeout.TotalSeconds:0} s and was killed.\n{Result()}");
        }

        return Result();
    }

    /// <summary>
    /// SIGKILL: the process ends at once, wherever it is (no cleanup, no flush). True when the kill ended it, false when it had
    /// ended by itself first.
    /// </summary>
    public async Task<bool> KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        return _process.ExitCode == KilledExitCode;
    }

    /// <summary>The exit code .NET reports for a process ended by SIGKILL (128 + 9).</summary>
    public const int KilledExitCode = 137;

    public ProgramResult Result()
    {
        _process.WaitForExit();
        lock (_output)
        {
            lock (_error)
            {
                return new ProgramResult(_process.ExitCode, _output.ToString(), _error.ToString());
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }
}
