namespace EvMonitor.Domain;

public sealed record User(string UserId, string Email, string PasswordHash, string? Name, DateTimeOffset CreatedAt);

public sealed record SessionToken(string TokenHash, string UserId, DateTimeOffset ExpiresAt);

/// <summary>A vehicle as the API shows it. <see cref="Plan"/> is kept as the original service's string.</summary>
/// <param name="TimeZone">IANA time zone name (<see cref="Vehicles.VehicleTimeZone"/>): where its days and months start in statistics.</param>
public sealed record Vehicle(string Id, string UserId, string MakeId, string ModelId, string Nickname, string Plan, string TimeZone = Vehicles.VehicleTimeZone.Default);

public sealed record Make(string Id, string Name);

public sealed record Model(string Id, string MakeId, string Name);
