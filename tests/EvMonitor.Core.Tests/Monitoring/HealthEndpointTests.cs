using Azure.Data.Tables;
using Azure.Storage.Queues;
using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Monitoring;
using EvMonitor.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvMonitor.Core.Tests.Monitoring;

/// <summary>What health answers before it looks at storage. Its answers against real storage are in the integration tests.</summary>
public sealed class HealthEndpointTests
{
    private readonly HealthEndpoint _health = new(
        // Never reached: a 405 is answered before any storage call.
        StorageClients.FromConnectionString("UseDevelopmentStorage=true", new StorageNames()),
        TimeProvider.System, TestMetrics.New(), NullLogger<HealthEndpoint>.Instance);

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    public async Task AnswersMethodNotAllowedNamingGetAndPostGivenAnyOtherMethod(string method)
    {
        var result = await _health.HandleAsync(method);

        Assert.Equal(405, result.Status);
        Assert.Equal(ErrorCodes.MethodNotAllowed, result.Code);
        Assert.Equal("GET, POST", result.Allow);
    }

    [Fact]
    public void ReportsTheAssemblysInformationalVersion()
    {
        Assert.StartsWith(typeof(HealthEndpoint).Assembly.GetName().Version!.ToString(3), HealthEndpoint.Version);
    }
}
