using System.Text.Json.Serialization;

namespace EvMonitor.Client.Wire;

/// <summary>Every type the client reads or writes, serialized by generated code (no reflection, trimming-safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NoFields))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(MakeRequest))]
[JsonSerializable(typeof(ModelRequest))]
[JsonSerializable(typeof(AddVehicleRequest))]
[JsonSerializable(typeof(UpdateVehicleRequest))]
[JsonSerializable(typeof(VehicleRequest))]
[JsonSerializable(typeof(HistoryRequest))]
[JsonSerializable(typeof(PushedSnapshot))]
[JsonSerializable(typeof(ErrorAnswer))]
[JsonSerializable(typeof(LoginAnswer))]
[JsonSerializable(typeof(RegisterAnswer))]
[JsonSerializable(typeof(VehiclesAnswer))]
[JsonSerializable(typeof(VehicleAnswer))]
[JsonSerializable(typeof(VehicleIdAnswer))]
[JsonSerializable(typeof(NameAnswer))]
[JsonSerializable(typeof(MakesAnswer))]
[JsonSerializable(typeof(ModelsAnswer))]
[JsonSerializable(typeof(PushAnswer))]
[JsonSerializable(typeof(LatestAnswer))]
[JsonSerializable(typeof(HistoryAnswer))]
[JsonSerializable(typeof(GeneralReadings))]
[JsonSerializable(typeof(MotorReadings))]
[JsonSerializable(typeof(BatteryReadings))]
internal sealed partial class ClientJson : JsonSerializerContext;
