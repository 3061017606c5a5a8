namespace EvMonitor.Functions.Tests.OpenApi;

/// <summary>Files of the repository the tests run from: the checked-in document, the sources, the .http file.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>The C# sources of the API's projects (not the client's, nor the operator CLI's).</summary>
    public static IEnumerable<string> ApiSources() =>
        new[] { "src/EvMonitor.Core", "src/EvMonitor.Functions" }
            .SelectMany(dir => Directory.EnumerateFiles(PathOf(dir), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EvMonitorFunctions.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No EvMonitorFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
