namespace EvMonitor.IntegrationTests.Support;

/// <summary>
/// One running service for all the tests of a class, since starting one creates its tables and
/// imports the catalog. Tests share it by using accounts of their own. What the push path puts on
/// the queue is recorded (<see cref="Sent"/>).
/// </summary>
public sealed class SharedService(AzuriteFixture azurite) : IAsyncLifetime
{
    public RunningService Service { get; private set; } = null!;

    public RecordingTelemetryQueue Sent => RecordingTelemetryQueue.Of(Service);

    public async Task InitializeAsync() => Service = await RunningService.StartAsync(azurite, configure: RecordingTelemetryQueue.Install);

    public async Task DisposeAsync() => await Service.DisposeAsync();
}
