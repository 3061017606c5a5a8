namespace EvMonitor.Vehicles;

public sealed record DeleteVehicleAnswer(string VehicleId) : Api.OkAnswer;
