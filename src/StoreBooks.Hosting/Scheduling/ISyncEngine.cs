using Microsoft.Extensions.DependencyInjection;

namespace StoreBooks.Hosting.Scheduling;

/// <summary>
/// A job engine that takes the <see cref="LocalWorker"/>'s place in hosted mode: it registers the <see cref="ISyncQueue"/> the
/// dispatcher and the webhooks queue through, and, in a process that runs jobs, what runs them (each through
/// <see cref="SyncJobs.RunAsync"/>, which the services hold).
/// </summary>
public interface ISyncEngine
{
    void Register(IServiceCollection services, bool runJobs);
}
