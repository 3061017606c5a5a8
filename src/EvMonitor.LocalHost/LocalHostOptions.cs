using EvMonitor.Settings;

namespace EvMonitor.LocalHost;

/// <summary>The local host's own settings, under <c>LocalHost</c> (<c>LocalHost__Role</c>, …); the Functions host has none of them.</summary>
public sealed record LocalHostOptions : ISettings
{
    public static string Section => "LocalHost";

    /// <summary>
    /// <c>all</c>, <c>api</c> (HTTP functions only) or <c>worker</c> (queue functions only): the API and
    /// the queue worker can run as separate processes, as they do on separate instances in Azure, and
    /// one can be stopped or killed while the other goes on.
    /// </summary>
    public string Role { get; init; } = "all";

    /// <summary>How long a received message stays hidden while it is processed: a crashed worker's messages come back after this.</summary>
    public TimeSpan QueueLease { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The catalog imported at start-up; unset, the copy of <c>catalog/catalog.json</c> built next to the host.</summary>
    public string? CatalogFile { get; init; }

    private static readonly string[] Roles = ["all", "api", "worker"];

    public bool ServesApi => RoleIs("all") || RoleIs("api");

    public bool RunsWorker => RoleIs("all") || RoleIs("worker");

    public string Catalog => CatalogFile ?? Path.Combine(AppContext.BaseDirectory, "catalog.json");

    public IEnumerable<string> Problems()
    {
        if (!Roles.Any(RoleIs))
            yield return $"{SettingRules.Name(Section, nameof(Role))} is '{Role}'; it must be all, api or worker.";
        foreach (var problem in SettingRules.Positive(Section, nameof(QueueLease), QueueLease))
            yield return problem;
        if (CatalogFile is not null && !File.Exists(CatalogFile))
            yield return $"{SettingRules.Name(Section, nameof(CatalogFile))} is '{CatalogFile}'; there is no such file.";
    }

    /// <summary>Whatever its case; set empty, as unset.</summary>
    private bool RoleIs(string role) => string.Equals(Role.Trim() is "" ? "all" : Role.Trim(), role, StringComparison.OrdinalIgnoreCase);
}
