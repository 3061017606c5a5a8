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
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using EvMonitor.Throttling;
using EvMonitor.Vehicles;
using EvMonitor.VehicleHealth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor;

public static class ServiceRegistration
{
    /// <summary>Everything the endpoints and the normalizer need, from the app's configuration.</summary>
    public static IServiceCollection AddEvMonitor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(s => StorageClients.FromConfiguration(configuration, s.GetRequiredService<EvMonitorMetrics>()));
        services.AddSingleton(new PasswordHasher(configuration.GetValue("EvMonitor:PasswordIterations", PasswordHasher.DefaultIterations)));
        services.AddSingleton(LoginThrottleOptions.FromConfiguration(configuration));
        services.AddSingleton(RegisterThrottleOptions.FromConfiguration(configuration));
        services.AddMetrics();
        services.AddSingleton<EvMonitorMetrics>();
        services.AddSingleton(QueueTriggerOptions.FromConfiguration(configuration));
        services.AddSingleton<NormalizerFailures>();

        services.AddSingleton<IUserStore, TableUserStore>();
        services.AddSingleton<ITokenStore, TableTokenStore>();
        services.AddSingleton<IVehicleStore, TableVehicleStore>();
        services.AddSingleton<ICatalogStore, TableCatalogStore>();
        services.AddSingleton<ILoginThrottleStore, TableLoginThrottleStore>();
        services.AddSingleton<ITelemetryQueue, TelemetryQueue>();
        services.AddSingleton<TelemetryTable>();
        services.AddSingleton<ITelemetryHistory, TelemetryHistory>();
        services.AddSingleton(JourneyOptions.FromConfiguration(configuration));
        services.AddSingleton<JourneyTable>();
        services.AddSingleton<IJourneyStore>(s => s.GetRequiredService<JourneyTable>());
        services.AddSingleton(VehicleHealthOptions.FromConfiguration(configuration));
        services.AddSingleton<IVehicleHealthRecorder, VehicleHealthRecorder>();

        services.AddSingleton<AccountService>();
        services.AddSingleton(s => new Authenticator(s.GetRequiredService<ITokenStore>(), s.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(configuration.GetValue(Authenticator.PushTokenMemorySetting, Authenticator.DefaultPushTokenMemorySeconds))));
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
