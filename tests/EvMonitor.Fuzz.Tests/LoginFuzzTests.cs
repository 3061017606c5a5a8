using EvMonitor.Fuzz.Tests.Support;

namespace EvMonitor.Fuzz.Tests;

/// <summary>Hostile bodies for <c>/api/login</c>, the token-taking read endpoints and <c>/api/logout</c>, through the HTTP adapter.</summary>
public sealed class LoginFuzzTests
{
    private const int Seed = 2_000_000;
    private const int Cases = 2000;

    [Fact]
    public async Task EveryHostileLoginGetsAContractAnswer()
    {
        var api = new ApiHarness();
        var (runs, ok) = (0, 0);
        await FuzzRun.CasesAsync(Seed, Cases, async random =>
        {
            runs++;
            var request = Support.Cases.Login(random);
            var answer = await api.SendAsync(api.Login, request);
            if (answer.Status == 200)
                ok++;
            var problem = AnswerRules.Violation(answer);
            return problem is null ? null : $"{problem}\n  request: {request}";
        });
        // Some cases must still reach a successful login, or the fuzz never gets past validation.
        Assert.InRange(ok, 1, runs - 1);
    }

    [Fact]
    public async Task EveryHostileReadRequestGetsAContractAnswer()
    {
        var api = new ApiHarness();
        await FuzzRun.CasesAsync(Seed + 500_000, Cases, async random =>
        {
            var endpoint = random.Pick([api.GetVehicles, api.GetMake, api.GetModel, api.Logout]);
            List<(string Key, string Value)> fields = [("token", ApiHarness.Token), ("make", "energica"), ("model", "energica-ss9")];
            var request = Support.Cases.Encoded(random, Support.Cases.Mutate(random, fields, random.Next(0, 5)));
            var answer = await api.SendAsync(endpoint, request);
            var problem = AnswerRules.Violation(answer);
            return problem is null ? null : $"{problem}\n  endpoint: {endpoint.GetType().Name}\n  request: {request}";
        });
    }
}
