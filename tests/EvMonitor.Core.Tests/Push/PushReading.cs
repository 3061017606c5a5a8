using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Push;
using EvMonitor.Telemetry;

namespace EvMonitor.Core.Tests.Push;

/// <summary>Reads a push body the way the push endpoint does: through the body parser, at <see cref="SeedPush.Now"/>.</summary>
public static class PushReading
{
    public sealed record Outcome(PushReader Reader, IReadOnlyList<Snapshot> Snapshots, IReadOnlyList<FieldError> Errors)
    {
        public FieldError SingleError => Assert.Single(Errors);
    }

    public static async Task<Outcome> ReadAsync(ApiRequest request)
    {
        var reader = new PushReader(SeedPush.Now);
        Assert.Null(await RequestBodyParser.ParseAsync(request, reader));
        var (snapshots, errors) = reader.Complete();
        return new Outcome(reader, snapshots, errors);
    }

    public static Task<Outcome> ReadFormAsync(params (string Key, string Value)[] fields) => ReadAsync(Requests.Form(fields));

    /// <summary>
    /// One valid snapshot (with a GPS fix, so GPS fields can be tested alone) changed by
    /// <paramref name="changes"/>: a change replaces the field of the same key, or adds it.
    /// </summary>
    public static Task<Outcome> ReadSnapshotAsync(params (string Key, string Value)[] changes)
    {
        List<(string Key, string Value)> fields =
        [
            ("token", "o7axty6jzequrg5"),
            ("vehicle_id", SeedPush.VehicleId),
            ("data[0][timestamp]", SeedPush.FirstTimestamp.ToString()),
            ("data[0][general][gps][lat]", "44.6471"),
            ("data[0][general][gps][lng]", "10.9252"),
            ("data[0][general][gps][acc]", "5"),
        ];
        foreach (var change in changes)
        {
            fields.RemoveAll(f => f.Key == change.Key);
            fields.Add(change);
        }
        return ReadFormAsync([.. fields]);
    }
}
