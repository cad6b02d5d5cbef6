using Hangfire;
using Microsoft.Extensions.Hosting;

namespace StoreBooks.Hosting.Hangfire;

/// <summary>The Hangfire server of a process that runs syncs: started and stopped with the host.</summary>
internal sealed class HangfireWorker(JobStorage storage, BackgroundJobServerOptions options) : IHostedService, IDisposable
{
    private BackgroundJobServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server = new BackgroundJobServer(options, storage);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            server.SendStop();
            await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _server?.Dispose();
}
