using EvMonitor.Monitoring;
using EvMonitor.Core.Tests.Support;
using Microsoft.Extensions.Options;

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

        Assert.Equal(7, Bind(_hostJson).MaxDequeueCount);
    }

    [Fact]
    public void TakesTheAppSettingOverHostJson()
    {
        File.WriteAllText(_hostJson, """{"version":"2.0","extensions":{"queues":{"maxDequeueCount":7}}}""");

        var options = Bind(_hostJson, ("AzureFunctionsJobHost:extensions:queues:maxDequeueCount", "2"));

        Assert.Equal(2, options.MaxDequeueCount);
    }

    [Fact]
    public void FallsBackToTheHostsDefaultOfFiveGivenNeither()
    {
        File.WriteAllText(_hostJson, """{"version":"2.0"}""");

        Assert.Equal(5, Bind(_hostJson).MaxDequeueCount);
        Assert.Equal(5, Bind(_hostJson + ".missing").MaxDequeueCount);
    }

    [Fact]
    public void ReadsTheAppsOwnHostJson()
    {
        var hostJson = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "host.json");

        Assert.Equal(5, Bind(hostJson).MaxDequeueCount);
    }

    [Fact]
    public void AZeroCountIsRefusedAtStartUpNamingTheSetting()
    {
        File.WriteAllText(_hostJson, """{"version":"2.0"}""");

        var e = Assert.Throws<OptionsValidationException>(() => Bind(_hostJson, ("AzureFunctionsJobHost:extensions:queues:maxDequeueCount", "0")));

        Assert.Contains("AzureFunctionsJobHost__extensions__queues__MaxDequeueCount", e.Message);
    }

    private static QueueTriggerOptions Bind(string hostJson, params (string Key, string Value)[] settings) =>
        BoundSettings.Bind<QueueTriggerOptions>(settings, services => QueueTriggerOptions.Register(services, hostJson));
}
