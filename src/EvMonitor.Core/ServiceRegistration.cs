using EvMonitor.Accounts;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Catalog;
using EvMonitor.Export;
using EvMonitor.History;
using EvMonitor.Journeys;
using EvMonitor.Login;
using EvMonitor.Maintenance;
using EvMonitor.Monitoring;
using EvMonitor.Push;
using EvMonitor.Settings;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using EvMonitor.Throttling;
using EvMonitor.Vehicles;
using EvMonitor.VehicleHealth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EvMonitor;

public static class ServiceRegistration
{
    /// <summary>Everything the endpoints and the normalizer need, from the app's configuration.</summary>
    public static IServiceCollection AddEvMonitor(this IServiceCollection services, IConfiguration configuration)
    {
        // The options bind from the app's configuration, which a host has registered already and a tool has not.
        services.TryAddSingleton(configuration);
        services.AddSettings<EvMonitorOptions>();
        services.AddSettings<LoginThrottleOptions>();
        services.AddSettings<RegisterThrottleOptions>();
        services.AddSettings<JourneyOptions>();
        services.AddSettings<VehicleHealthOptions>();
        QueueTriggerOptions.Register(services);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(s => StorageClients.FromConfiguration(configuration, StorageNames.From(s.GetRequiredService<EvMonitorOptions>()), s.GetRequiredService<EvMonitorMetrics>()));
        services.AddSingleton(s => new PasswordHasher(s.GetRequiredService<EvMonitorOptions>().PasswordIterations));
        services.AddMetrics();
        services.AddSingleton<EvMonitorMetrics>();
        services.AddSingleton<NormalizerFailures>();

        services.AddSingleton<IUserStore, TableUserStore>();
        services.AddSingleton<ITokenStore, TableTokenStore>();
        services.AddSingleton<IVehicleStore, TableVehicleStore>();
        services.AddSingleton<ICatalogStore, TableCatalogStore>();
        services.AddSingleton<ILoginThrottleStore, TableLoginThrottleStore>();
        services.AddSingleton<ITelemetryQueue, TelemetryQueue>();
        services.AddSingleton<TelemetryTable>();
        services.AddSingleton<ITelemetryHistory, TelemetryHistory>();
        services.AddSingleton<IJourneyStore, JourneyStore>();
        services.AddSingleton<IVehicleHealthRecorder, VehicleHealthRecorder>();

        services.AddSingleton<AccountService>();
        services.AddSingleton(s => new Authenticator(s.GetRequiredService<ITokenStore>(), s.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(s.GetRequiredService<EvMonitorOptions>().PushTokenMemorySeconds)));
        services.AddSingleton<VehicleAccess>();
        services.AddSingleton<AttemptCounter>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AccountDeletion>();
        services.AddSingleton<ApiPipeline>();
        services.AddSingleton<TelemetryNormalizer>();
        services.AddSingleton<ExpiredDataPurge>();

        services.AddSingleton<LoginEndpoint>();
        services.AddSingleton<LogoutEndpoint>();
        services.AddSingleton<GetVehiclesEndpoint>();
        services.AddSingleton<GetMakeEndpoint>();
        services.AddSingleton<GetModelEndpoint>();
        services.AddSingleton<PushEndpoint>();
        services.AddSingleton<RegisterEndpoint>();
        services.AddSingleton<AddVehicleEndpoint>();
        services.AddSingleton<UpdateVehicleEndpoint>();
        services.AddSingleton<DeleteVehicleEndpoint>();
        services.AddSingleton<GetMakesEndpoint>();
        services.AddSingleton<GetModelsEndpoint>();
        services.AddSingleton<GetLatestEndpoint>();
        services.AddSingleton<GetHistoryEndpoint>();
        services.AddSingleton<GetTripsEndpoint>();
        services.AddSingleton<GetChargesEndpoint>();
        services.AddSingleton<GetStatsEndpoint>();
        services.AddSingleton<ExportEndpoint>();
        services.AddSingleton<GetVehicleHealthEndpoint>();
        services.AddSingleton<HealthEndpoint>();
        return services;
    }
}
