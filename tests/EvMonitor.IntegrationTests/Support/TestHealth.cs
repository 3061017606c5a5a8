using EvMonitor.Storage;
using EvMonitor.VehicleHealth;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvMonitor.IntegrationTests.Support;

public static class TestHealth
{
    /// <summary>The recorder as the app registers it, on the test's storage.</summary>
    public static VehicleHealthRecorder Recorder(StorageClients storage) =>
        new(storage, VehicleHealthOptions.Default, TimeProvider.System, NullLogger<VehicleHealthRecorder>.Instance);
}
