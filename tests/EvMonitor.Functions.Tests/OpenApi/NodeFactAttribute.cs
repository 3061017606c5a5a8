namespace EvMonitor.Functions.Tests.OpenApi;

/// <summary>A fact that needs Node.js: skipped, saying so, on a machine without <c>node</c> on the PATH.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (Node.Path is null)
            Skip = "Node.js is not installed (no node on the PATH): the OpenAPI validator cannot run.";
    }
}

public static class Node
{
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => System.IO.Path.Combine(dir, OperatingSystem.IsWindows() ? "node.exe" : "node"))
        .FirstOrDefault(File.Exists);
}
