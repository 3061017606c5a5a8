namespace EvMonitor.IntegrationTests.Support;

/// <summary>
/// A second Azurite, standing for a second storage account: the one named by
/// <c>EVMONITOR_TEST_STORAGE_2</c> (scripts/test.sh starts one when it starts the first).
/// </summary>
public static class SecondStorage
{
    public const string Variable = "EVMONITOR_TEST_STORAGE_2";

    public static string ConnectionString => Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException($"{Variable} is not set.");

    /// <summary>Why a test that needs it cannot run; null when it can.</summary>
    public static string? Missing { get; } = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable))
        ? $"No second storage account: set {Variable} to the connection string of a second Azurite (scripts/test.sh starts one when it starts the first)."
        : null;
}

/// <summary>A test that needs two Azurites as two storage accounts; skipped, saying why, without the second.</summary>
public sealed class TwoAccountsFactAttribute : FactAttribute
{
    public TwoAccountsFactAttribute()
    {
        if (SecondStorage.Missing is not null)
            Skip = SecondStorage.Missing;
    }
}
