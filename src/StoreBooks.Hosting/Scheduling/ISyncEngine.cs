using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StoreBooks.Hosting.Health;

namespace StoreBooks.Hosting.Scheduling;

/// <summary>
/// A job engine that takes the <see cref="LocalWorker"/>'s place in hosted mode: it registers the <see cref="ISyncQueue"/> the
/// dispatcher and the webhooks queue through, and, in a process that runs jobs, what runs them (each through
/// <see cref="SyncJobs.RunAsync"/>, which the services hold).
/// </summary>
public interface ISyncEngine
{
    void Register(IServiceCollection services, bool runJobs);

    /// <summary>
    /// Whether the engine's storage answers and some process is alive to run its jobs, for <c>/healthz</c>. Never throws: a
    /// part that cannot be reached is reported unhealthy, with the cause left to the logs.
    /// </summary>
    Task<IReadOnlyList<ComponentHealth>> CheckHealthAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Serves the engine's operator dashboard on <paramref name="app"/>, a branch of the web host (<c>/hangfire</c>) whose
    /// requests the host has already let through: only its operators reach it.
    /// </summary>
    void UseDashboard(IApplicationBuilder app);
}
