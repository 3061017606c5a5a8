using System.Text.Json;
using System.Text.Json.Serialization;

namespace EvMonitor.Telemetry;

/// <summary>
/// A snapshot on the queue, in the push's own field names:
/// <code>{"timestamp":…,"speed":87,…,"motor":[{"index":0,"rpm":5200,…}],"batt":[{"index":0,"soc":71.5,…}],"gps":{"lat":…}}</code>
/// Numbers are written in their shortest form that reads back as the same double (<c>71</c>, <c>71.5</c>).
/// Unknown names are skipped when reading.
/// </summary>
public sealed class SnapshotConverter : JsonConverter<Snapshot>
{
    public override Snapshot Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var snapshot = new Snapshot();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "timestamp":
                    snapshot.Timestamp = reader.GetInt64();
                    break;
                case "motor":
                    snapshot.Motors = ReadComponents(ref reader, TelemetryGroup.Motor);
                    break;
                case "batt":
                    snapshot.Batteries = ReadComponents(ref reader, TelemetryGroup.Battery);
                    break;
                case "gps":
                    Expect(ref reader, JsonTokenType.StartObject);
                    snapshot.Gps = new Readings(TelemetryGroup.Gps);
                    ReadFields(ref reader, snapshot.Gps);
                    break;
                default:
                    ReadField(ref reader, snapshot.General, name);
                    break;
            }
        }
        return snapshot;
    }

    private static List<Component> ReadComponents(ref Utf8JsonReader reader, TelemetryGroup group)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var components = new List<Component>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var component = new Component(group, 0);
            ReadFields(ref reader, component);
            components.Add(component);
        }
        return components;
    }

    /// <summary>Reads name/value pairs up to the end of the current object.</summary>
    private static void ReadFields(ref Utf8JsonReader reader, Readings readings)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            ReadField(ref reader, readings, name);
        }
    }

    private static void ReadField(ref Utf8JsonReader reader, Readings readings, string name)
    {
        if (name == "index" && readings is Component component)
            component.Index = reader.GetInt32();
        else if (TelemetryFields.Find(readings.Group, name) is { } field && reader.TokenType == JsonTokenType.Number)
            readings[field] = reader.GetDouble();
        else
            reader.Skip();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
            throw new JsonException($"Expected {type}, found {reader.TokenType}.");
    }

    private static readonly JsonEncodedText TimestampName = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText IndexName = JsonEncodedText.Encode("index");

    public override void Write(Utf8JsonWriter writer, Snapshot snapshot, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber(TimestampName, snapshot.Timestamp);
        WriteFields(writer, snapshot.General);
        WriteComponents(writer, "motor", snapshot.Motors);
        WriteComponents(writer, "batt", snapshot.Batteries);
        if (snapshot.Gps is { } gps)
        {
            writer.WriteStartObject("gps");
            WriteFields(writer, gps);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteComponents(Utf8JsonWriter writer, string name, List<Component>? components)
    {
        if (components is null)
            return;
        writer.WriteStartArray(name);
        foreach (var component in components)
        {
            writer.WriteStartObject();
            writer.WriteNumber(IndexName, component.Index);
            WriteFields(writer, component);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteFields(Utf8JsonWriter writer, Readings readings)
    {
        var names = EncodedNames[(int)readings.Group];
        foreach (var field in TelemetryFields.Of(readings.Group))
        {
            if (readings[field] is { } value)
                writer.WriteNumber(names[field.Position], value);
        }
    }

    /// <summary>Each group's field names, by position, escaped and encoded once rather than for every reading written.</summary>
    private static readonly JsonEncodedText[][] EncodedNames = [.. Enum.GetValues<TelemetryGroup>()
        .Select(group => TelemetryFields.Of(group).Select(field => JsonEncodedText.Encode(field.Name)).ToArray())];
}
