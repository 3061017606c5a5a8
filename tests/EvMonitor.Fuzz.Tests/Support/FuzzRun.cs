using System.Globalization;

namespace EvMonitor.Fuzz.Tests.Support;

/// <summary>
/// Runs numbered cases, each from its own seed, so any one case can be replayed alone:
/// <c>EVMONITOR_FUZZ_SEED=&lt;seed&gt; dotnet test tests/EvMonitor.Fuzz.Tests --filter &lt;test&gt;</c>.
/// <c>EVMONITOR_FUZZ_CASES=&lt;n&gt;</c> runs n cases per test instead of the default, for a longer search.
/// </summary>
public static class FuzzRun
{
    private const int MaxReported = 5;

    /// <param name="firstSeed">The seed of case 0; case i uses <c>firstSeed + i</c>.</param>
    /// <param name="runCase">Returns what went wrong with the case, or null.</param>
    public static async Task CasesAsync(int firstSeed, int cases, Func<Random, Task<string?>> runCase)
    {
        var failures = new List<string>();
        foreach (var seed in Seeds(firstSeed, cases))
        {
            string? problem;
            try
            {
                problem = await runCase(new Random(seed));
            }
            catch (Exception e)
            {
                problem = "an exception escaped: " + e;
            }
            if (problem is null)
                continue;
            failures.Add($"seed {seed}: {problem}");
            if (failures.Count == MaxReported)
                break;
        }
        Assert.True(failures.Count == 0,
            $"Cases broke the contract (replay one with EVMONITOR_FUZZ_SEED=<seed>):\n{string.Join("\n\n", failures)}");
    }

    private static IEnumerable<int> Seeds(int firstSeed, int cases)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("EVMONITOR_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var replay))
            return [replay];
        if (int.TryParse(Environment.GetEnvironmentVariable("EVMONITOR_FUZZ_CASES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count > 0)
            cases = count;
        return Enumerable.Range(0, cases).Select(i => firstSeed + i);
    }
}
