namespace EvMonitor.Vehicles;

/// <summary>What <c>add_vehicle</c> and <c>update_vehicle</c> answer: the vehicle as it is now stored.</summary>
public sealed record VehicleAnswer(VehicleView Vehicle) : Api.OkAnswer;
