using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace StoreBooks.Hosting.Hangfire;

/// <summary>Makes Hangfire's job objects (<see cref="HangfireSyncJob"/>) from the host's services.</summary>
internal sealed class ServiceJobActivator(IServiceProvider services) : JobActivator
{
    public override object ActivateJob(Type jobType) => services.GetRequiredService(jobType);
}
