namespace EvMonitor.Vehicles;

public sealed record VehiclesAnswer(IReadOnlyList<VehicleView> Vehicles) : Api.OkAnswer;
