namespace EvMonitor.Journeys;

/// <param name="NextCursor">Null on the last page.</param>
public sealed record ChargesAnswer(string VehicleId, IReadOnlyList<ChargeView> Charges, string? NextCursor) : Api.OkAnswer;
