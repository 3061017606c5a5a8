using System.Diagnostics;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>An Azurite of the test's own (from the project's npm dependency), for tests that need to stop and start storage.</summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private AzuriteProcess(int blobPort) => BlobPort = blobPort;

    public int BlobPort { get; }

    /// <summary>Azurite's documented development account; not a secret.</summary>
    public string ConnectionString => ConnectionStringFor(BlobPort);

    public static string ConnectionStringFor(int blobPort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{blobPort + 1}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{blobPort + 2}/devstoreaccount1;";

    /// <param name="dataFolder">Where data survives a stop and start; null keeps it in memory only.</param>
    public static async Task<AzuriteProcess> StartAsync(int blobPort, string? dataFolder = null)
    {
        var azurite = new AzuriteProcess(blobPort);
        await azurite.StartAgainAsync(dataFolder);
        return azurite;
    }

    public Task StartAgainAsync(string? dataFolder = null) =>
        Script("start", BlobPort.ToString(), dataFolder ?? "--in-memory");

    public Task StopAsync() => Script("stop", BlobPort.ToString());

    public ValueTask DisposeAsync() => new(StopAsync());

    private static async Task Script(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("scripts/azurite.sh");
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/azurite.sh {string.Join(' ', arguments)} failed: {output}");
    }
}
