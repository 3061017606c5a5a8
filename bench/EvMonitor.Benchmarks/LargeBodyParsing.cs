using BenchmarkDotNet.Attributes;
using EvMonitor.Api;
using EvMonitor.Bench;
using EvMonitor.Push;

namespace EvMonitor.Benchmarks;

/// <summary>
/// What a body at the 1 MiB limit costs before any storage is touched: the hostile shapes of
/// <see cref="HostileBodies"/> against the largest valid push in each encoding. Each body is read
/// as <c>/api/push</c> reads it (into a <see cref="PushReader"/>, validated, the answer serialized)
/// and as every other endpoint reads it (into a <see cref="FieldBag"/>), so a row is the cost of
/// the costlier of the two, and more.
/// </summary>
/// <remarks>
/// The minimum is shown beside the mean: on a machine other work is sharing, the fastest of the
/// iterations is the one least slowed by it, and the ratios are taken from it.
/// </remarks>
[Config(typeof(ShortRunConfig))]
[MinColumn, MedianColumn]
public class LargeBodyParsing
{
    public const string ValidForm = "valid form";
    public const string ValidJson = "valid json";
    public const string ValidMultipart = "valid multipart";

    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private string _contentType = "";
    private byte[] _body = [];

    public static IEnumerable<string> Bodies => [ValidForm, ValidJson, ValidMultipart, .. HostileBodies.Names];

    [ParamsSource(nameof(Bodies))]
    public string Body { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        (_contentType, _body) = Body switch
        {
            ValidForm => LargestValidPush(push => (SamplePush.FormContentType, SamplePush.FormBody(push))),
            ValidJson => LargestValidPush(push => ("application/json", SamplePush.JsonBody(push))),
            ValidMultipart => LargestValidPush(push => SamplePush.MultipartBody(push) is var (body, type) ? (type, body) : default),
            _ => HostileBodies.Build(Body),
        };
        if (_body.Length > ApiLimits.MaxBodyBytes)
            throw new InvalidOperationException($"{Body} is {_body.Length} bytes, over the body limit.");
        var answer = Parse().AsTask().GetAwaiter().GetResult();
        if (Body.StartsWith("valid", StringComparison.Ordinal) != (answer == 0))
            throw new InvalidOperationException($"{Body} was answered {answer} bytes of error.");
        Console.WriteLine($"// {Body}: {_body.Length:N0} bytes, error answer {answer:N0} bytes");
    }

    /// <summary>Returns the size of the error answer, 0 for a valid push.</summary>
    [Benchmark]
    public async ValueTask<int> Parse()
    {
        var reader = new PushReader(_now);
        var failure = await RequestBodyParser.ParseAsync(new ApiRequest("POST", _contentType, _body), reader);
        if (failure is null)
        {
            var (_, errors) = reader.Complete();
            if (errors.Count > 0)
                failure = ApiResult.Invalid(errors, reader.ErrorCount);
        }
        await RequestBodyParser.ParseAsync(new ApiRequest("POST", _contentType, _body), new FieldBag());
        return failure?.ToJsonString().Length ?? 0;
    }

    /// <summary>The most snapshots (at most the 1,000 a push may hold) whose body fits the 1 MiB limit.</summary>
    private (string, byte[]) LargestValidPush(Func<System.Text.Json.Nodes.JsonObject, (string, byte[])> encode)
    {
        var first = _now.ToUnixTimeSeconds() - 7200;
        for (var snapshots = ApiLimits.MaxSnapshotsPerPush; ; snapshots -= 10)
        {
            var encoded = encode(SamplePush.Json("o7axty6jzequrg5o7axty6jzequrg5a", "abcdefg12345678", first, snapshots));
            if (encoded.Item2.Length <= ApiLimits.MaxBodyBytes)
                return encoded;
        }
    }
}
