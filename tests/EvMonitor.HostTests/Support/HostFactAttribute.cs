namespace EvMonitor.HostTests.Support;

/// <summary>A test that needs the real Functions host and Azurite; skipped, saying why, when either is missing.</summary>
public sealed class HostFactAttribute : FactAttribute
{
    public HostFactAttribute()
    {
        if (SkipReason is not null)
            Skip = SkipReason;
    }

    public static string? SkipReason { get; } =
        FunctionsHost.Locate() is null
            ? $"No Azure Functions host: set {FunctionsHost.HostVariable} to the run.sh of a host build, put one at ../shared/functions-host " +
              "beside the repository, or install Azure Functions Core Tools (func)."
            : string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("EVMONITOR_TEST_STORAGE"))
                ? "No Azurite: set EVMONITOR_TEST_STORAGE to its connection string (scripts/test.sh does)."
                : null;
}

/// <summary>As <see cref="HostFactAttribute"/>, for a theory.</summary>
public sealed class HostTheoryAttribute : TheoryAttribute
{
    public HostTheoryAttribute()
    {
        if (HostFactAttribute.SkipReason is not null)
            Skip = HostFactAttribute.SkipReason;
    }
}
