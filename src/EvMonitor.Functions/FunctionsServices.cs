using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.Functions;

public static class FunctionsServices
{
    /// <summary>What the function classes need; shared by the Functions host and the local host.</summary>
    public static IServiceCollection AddEvMonitorFunctions(this IServiceCollection services, IConfiguration configuration) =>
        services.AddEvMonitor(configuration).AddSingleton<HttpApi>();
}
