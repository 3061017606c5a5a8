using EvMonitor.Monitoring;
using Microsoft.Extensions.Configuration;

namespace EvMonitor.Core.Tests.Monitoring;

/// <summary>
/// The limit after which the Functions host moves a message to the poison queue, read as the host
/// reads it: <c>extensions.queues.maxDequeueCount</c> in host.json, an app setting
/// <c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount</c> over it, and 5 when neither is
/// set (the host's documented default: "host.json reference for Azure Functions 2.x", queues).
/// </summary>
public sealed class QueueTriggerOptionsTests : IDisposable
{
    private readonly string _hostJson = Path.GetTempFileName();

    public void Dispose() => File.Delete(_hostJson);

    [Fact]
    public void ReadsMaxDequeueCountFromHostJson()
    {
        File.WriteAllText(_hostJson, """{"version":"2.0","extensions":{"queues":{"maxDequeueCount":7}}}""");

        Assert.Equal(7, QueueTriggerOptions.FromConfiguration(Settings(), _hostJson).MaxDequeueCount);
    }

    [Fact]
    public void TakesTheAppSettingOverHostJson()
    {
        File.WriteAllText(_hostJson, """{"version":"2.0","extensions":{"queues":{"maxDequeueCount":7}}}""");

        var options = QueueTriggerOptions.FromConfiguration(Settings(("AzureFunctionsJobHost:extensions:queues:maxDequeueCount", "2")), _hostJson);

        Assert.Equal(2, options.MaxDequeueCount);
    }

    [Fact]
    public void FallsBackToTheHostsDefaultOfFiveGivenNeither()
    {
        File.WriteAllText(_hostJson, """{"version":"2.0"}""");

        Assert.Equal(5, QueueTriggerOptions.FromConfiguration(Settings(), _hostJson).MaxDequeueCount);
        Assert.Equal(5, QueueTriggerOptions.FromConfiguration(Settings(), _hostJson + ".missing").MaxDequeueCount);
    }

    [Fact]
    public void ReadsTheAppsOwnHostJson()
    {
        var hostJson = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "host.json");

        Assert.Equal(5, QueueTriggerOptions.FromConfiguration(Settings(), hostJson).MaxDequeueCount);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
