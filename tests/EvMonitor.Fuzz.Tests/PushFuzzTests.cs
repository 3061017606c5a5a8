using System.Globalization;
using System.Text.Json;
using EvMonitor.Api;
using EvMonitor.Fuzz.Tests.Support;
using EvMonitor.Push;
using EvMonitor.Telemetry;

namespace EvMonitor.Fuzz.Tests;

/// <summary>
/// Hostile bodies for <c>/api/push</c>, most of them mutations of API.md's example, through the HTTP
/// adapter: every answer keeps the contract, and an OK answer means exactly the accepted snapshots
/// were queued.
/// </summary>
public sealed class PushFuzzTests
{
    private const int Seed = 1_000_000;
    private const int Cases = 2500;

    [Fact]
    public async Task EveryHostilePushGetsAContractAnswerAndOnlyOkQueuesAnything()
    {
        var api = new ApiHarness();
        await FuzzRun.CasesAsync(Seed, Cases, async random =>
        {
            var request = Support.Cases.Push(random);
            var answer = await api.SendAsync(api.Push, request);
            var problem = AnswerRules.Violation(answer) ?? AnswerRules.PushViolation(answer, api.Queue.Drain());
            return problem is null ? null : $"{problem}\n  request: {request}";
        });
    }

    [Fact]
    public async Task TheSeedExampleIsAcceptedInEveryEncoding()
    {
        // The fuzz above would prove little if its starting point were refused.
        var api = new ApiHarness();
        foreach (var encoding in Enum.GetValues<Bodies.Encoding>())
        {
            var (contentType, body) = Bodies.Write(new Random(0), encoding, Support.Cases.SeedPush());
            var answer = await api.SendAsync(api.Push, new FuzzRequest("POST", contentType, body));
            Assert.Null(AnswerRules.Violation(answer));
            Assert.Equal(200, answer.Status);
            Assert.Equal(2, (int)answer.Json!["accepted"]!);
        }
    }

    /// <summary>
    /// Random decimals in every measured reading, printed as apps print floats (shortest round trip,
    /// exponent forms, a leading sign, trailing zeros), in every encoding: each is accepted and
    /// queued as exactly the double it spells.
    /// </summary>
    [Fact]
    public async Task EveryDecimalReadingIsQueuedAsTheNumberItSpells()
    {
        var api = new ApiHarness();
        var measured = TelemetryFields.All.Where(f => f.Measured).ToList();
        await FuzzRun.CasesAsync(Seed + Cases, 500, async random =>
        {
            var field = random.Pick(measured);
            var min = Math.Max(field.Min, -1e9);
            var max = Math.Min(field.Max, 1e9);
            var value = Math.Round(min + random.NextDouble() * (max - min), random.Next(0, 16));
            var text = random.Next(5) switch
            {
                0 => value.ToString("E" + random.Next(0, 16), CultureInfo.InvariantCulture),
                1 => value.ToString("e", CultureInfo.InvariantCulture),
                2 => value.ToString("F" + random.Next(0, 20), CultureInfo.InvariantCulture),
                3 when value >= 0 => "+" + value.ToString("R", CultureInfo.InvariantCulture),
                _ => value.ToString("R", CultureInfo.InvariantCulture),
            };
            var expected = double.Parse(text, CultureInfo.InvariantCulture);
            var key = field.Group switch
            {
                TelemetryGroup.Motor => $"data[0][general][motor][3][{field.Name}]",
                TelemetryGroup.Battery => $"data[0][general][batt][3][{field.Name}]",
                TelemetryGroup.Gps => $"data[0][general][gps][{field.Name}]",
                _ => $"data[0][general][{field.Name}]",
            };
            List<(string Key, string Value)> fields =
            [
                ("token", ApiHarness.Token), ("vehicle_id", ApiHarness.VehicleId), ("data[0][timestamp]", Support.Cases.SeedPush()[3].Value),
                ("data[0][general][gps][lat]", "44.6471"), ("data[0][general][gps][lng]", "10.9252"), ("data[0][general][gps][acc]", "5"),
            ];
            fields.RemoveAll(f => f.Key == key);
            fields.Add((key, text));
            var (contentType, body) = Bodies.Write(random, random.Pick(Enum.GetValues<Bodies.Encoding>()), fields, strict: true);

            var answer = await api.SendAsync(api.Push, new FuzzRequest("POST", contentType, body));

            if (answer.Status != 200)
                return $"{key}={text} refused: {answer.Json?.ToJsonString()}";
            var snapshot = TelemetryMessages.Unpack(api.Queue.Drain().Single().ToMemory()).Snapshots.Single();
            var readings = field.Group switch
            {
                TelemetryGroup.Motor => snapshot.Motors!.Single(),
                TelemetryGroup.Battery => snapshot.Batteries!.Single(),
                TelemetryGroup.Gps => snapshot.Gps!,
                _ => snapshot.General,
            };
            return readings[field] == expected ? null : $"{key}={text} queued as {readings[field]}, not {expected}";
        });
    }

    /// <summary>Hands every field on as a form key, so that the push reader cannot read a JSON body in its own shape.</summary>
    private sealed class FormKeysOnly(IFieldSink sink) : IFieldSink
    {
        public void Add(ReadOnlySpan<char> key, ReadOnlySpan<char> value) => sink.Add(key, value);
    }

    /// <summary>
    /// The push reader reads a JSON body's snapshots in their own shape, and hands what it does not
    /// expect over as form keys. Against the body read wholly as form keys, the way every other
    /// endpoint reads it: the same refusal, or the same snapshots, errors and fields.
    /// </summary>
    [Fact]
    public async Task AJsonPushReadsAlikeInItsOwnShapeAndAsFormKeys()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Support.Cases.SeedPush()[3].Value) + 3600);
        await FuzzRun.CasesAsync(Seed + 3 * Cases, 1500, async random =>
        {
            var request = random.Chance(0.5)
                ? Support.Cases.Push(random)
                : new FuzzRequest("POST", Bodies.JsonType, Bodies.Json(random, Support.Cases.Mutate(random, Support.Cases.SeedPush(), random.Next(0, 8))));
            if (request.Body.Length > ApiLimits.MaxBodyBytes)
                return null;
            var own = new PushReader(now);
            var asKeys = new PushReader(now);
            var ownFailure = await RequestBodyParser.ParseAsync(new ApiRequest("POST", request.ContentType, request.Body), own);
            var keysFailure = await RequestBodyParser.ParseAsync(new ApiRequest("POST", request.ContentType, request.Body), new FormKeysOnly(asKeys));
            var (ownRead, keysRead) = (Describe(own, ownFailure), Describe(asKeys, keysFailure));
            return ownRead == keysRead ? null : $"read in its own shape:\n{ownRead}\nas form keys:\n{keysRead}\n  request: {request}";
        });
    }

    private static string Describe(PushReader reader, ApiResult? failure)
    {
        var head = $"vehicle={reader.VehicleId} token={reader.Token} agent={reader.UserAgent} tooMany={reader.TooManySnapshots}";
        if (failure is not null)
            return $"{head} refused: {failure.ToJsonString()}";
        var (snapshots, errors) = reader.Complete();
        return $"{head} errors={reader.ErrorCount} [{string.Join("; ", errors.Select(e => $"{e.Field}: {e.Error}"))}] "
            + JsonSerializer.Serialize(snapshots.ToList(), TelemetryJsonContext.Default.ListSnapshot);
    }
}
