using StoreBooks.Emulators;
using Xunit;

namespace StoreBooks.Testing;

/// <summary>An emulator server on a free loopback port, shared by the tests of one class.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private EmulatorServer? _server;

    public EmulatorServer Server => _server ?? throw new InvalidOperationException("The emulator has not started.");

    public Uri BaseUrl => Server.BaseUrl;

    public async ValueTask InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0 }).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
