using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using EvMonitor.Api;
using EvMonitor.Bench;
using EvMonitor.Push;
using EvMonitor.Telemetry;

namespace EvMonitor.Benchmarks;

/// <summary>
/// Reading and validating a 10-snapshot push from each body encoding, as <c>/api/push</c> does
/// (<see cref="RequestBodyParser"/> into <see cref="PushReader"/>, then <see cref="PushReader.Complete"/>),
/// against deserializing the same snapshots from JSON with a source-generated context. Times and
/// allocations are per snapshot; once with whole-number readings, once with decimal ones.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MinColumn, MedianColumn]
public class PushParsing
{
    private const int Snapshots = 10;

    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private byte[] _form = [];
    private byte[] _multipart = [];
    private string _multipartType = "";
    private byte[] _json = [];
    private byte[] _typedJson = [];

    [Params("whole", "decimal")]
    public string Readings { get; set; } = "whole";

    [GlobalSetup]
    public void Setup()
    {
        var push = SamplePush.Json("o7axty6jzequrg5o7axty6jzequrg5a", "abcdefg12345678", _now.ToUnixTimeSeconds() - 3600, Snapshots, decimals: Readings == "decimal");
        _form = SamplePush.FormBody(push);
        (_multipart, _multipartType) = SamplePush.MultipartBody(push);
        _json = SamplePush.JsonBody(push);

        var reader = new PushReader(_now);
        RequestBodyParser.ParseForm(_form, reader);
        var (snapshots, errors) = reader.Complete();
        if (errors.Count > 0 || snapshots.Count != Snapshots)
            throw new InvalidOperationException("The sample push does not validate: " + string.Join("; ", errors));
        // The same snapshots shaped like the typed model: the service's queue form of them.
        var typed = new JsonObject
        {
            ["token"] = reader.Token,
            ["vehicle_id"] = reader.VehicleId,
            ["user-agent"] = reader.UserAgent,
            ["data"] = JsonSerializer.SerializeToNode(snapshots.ToList(), TelemetryJsonContext.Default.ListSnapshot),
        };
        _typedJson = Encoding.UTF8.GetBytes(typed.ToJsonString());
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Snapshots, Description = "STJ source-generated (baseline)")]
    public int SourceGeneratedJson() => JsonSerializer.Deserialize(_typedJson, BenchJsonContext.Default.PushRequest)!.Data.Count;

    [Benchmark(OperationsPerInvoke = Snapshots, Description = "form")]
    public ValueTask<int> Form() => ReadAsync(SamplePush.FormContentType, _form);

    [Benchmark(OperationsPerInvoke = Snapshots, Description = "multipart")]
    public ValueTask<int> Multipart() => ReadAsync(_multipartType, _multipart);

    [Benchmark(OperationsPerInvoke = Snapshots, Description = "JSON")]
    public ValueTask<int> Json() => ReadAsync("application/json; charset=utf-8", _json);

    private async ValueTask<int> ReadAsync(string contentType, byte[] body)
    {
        var reader = new PushReader(_now);
        var failure = await RequestBodyParser.ParseAsync(new ApiRequest("POST", contentType, body), reader);
        var (snapshots, errors) = reader.Complete();
        if (failure is not null || errors.Count > 0)
            throw new InvalidOperationException("The sample push was refused.");
        return snapshots.Count;
    }
}
