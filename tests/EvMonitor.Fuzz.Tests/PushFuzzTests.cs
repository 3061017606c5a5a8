using EvMonitor.Fuzz.Tests.Support;

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
}
