namespace EvMonitor.Storage;

/// <summary>
/// Every table and queue the service uses. The deployment template creates exactly these, so the
/// app never needs rights to create storage. A prefix isolates test runs sharing one emulator.
/// </summary>
public sealed record StorageNames(string Prefix = "")
{
    /// <summary>The queue the push endpoint writes to and the normalizer reads from.</summary>
    public const string DefaultTelemetryQueue = "telemetry-ingest";

    public string Users => Prefix + "users";
    public string Tokens => Prefix + "tokens";
    public string Vehicles => Prefix + "vehicles";
    public string VehicleOwners => Prefix + "vehicleowners";
    public string Catalog => Prefix + "catalog";
    public string Telemetry => Prefix + "telemetry";
    public string LoginThrottle => Prefix + "loginthrottle";

    /// <summary>Trips and charging sessions derived from the telemetry table.</summary>
    public string Journeys => Prefix + "journeys";

    public string TelemetryQueue => Prefix.Length == 0 ? DefaultTelemetryQueue : Prefix.ToLowerInvariant() + "-" + DefaultTelemetryQueue;

    /// <summary>Where the Functions host moves a message after its last failed attempt.</summary>
    public string TelemetryPoisonQueue => TelemetryQueue + "-poison";

    public IReadOnlyList<string> Tables => [Users, Tokens, Vehicles, VehicleOwners, Catalog, Telemetry, LoginThrottle, Journeys];

    public IReadOnlyList<string> Queues => [TelemetryQueue, TelemetryPoisonQueue];
}
