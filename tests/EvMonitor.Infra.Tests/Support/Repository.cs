using System.Reflection;

namespace EvMonitor.Infra.Tests.Support;

/// <summary>Paths baked in at build time: the repository root and the restored Bicep CLI.</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string PathOf(string relativePath) =>
        Path.GetFullPath(Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar)));

    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    internal static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; see EvMonitor.Infra.Tests.csproj.");
}
