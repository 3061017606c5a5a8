using EvMonitor.Api;
using EvMonitor.Domain;

namespace EvMonitor.Accounts;

public enum VehicleAdditionOutcome
{
    Added,

    /// <summary>See <see cref="VehicleAddition.Errors"/>.</summary>
    Invalid,

    /// <summary>The catalog has no make <see cref="VehicleAddition.MakeId"/>.</summary>
    MakeNotFound,

    /// <summary>The make (<see cref="VehicleAddition.MakeName"/>) has no model <see cref="VehicleAddition.ModelId"/>.</summary>
    ModelNotFound,
}

/// <summary>What <see cref="AccountService.AddVehicleAsync"/> did.</summary>
public sealed record VehicleAddition(VehicleAdditionOutcome Outcome)
{
    public Vehicle? Vehicle { get; init; }
    public IReadOnlyList<FieldError> Errors { get; init; } = [];
    public string? MakeId { get; init; }
    public string? MakeName { get; init; }
    public string? ModelId { get; init; }
}
