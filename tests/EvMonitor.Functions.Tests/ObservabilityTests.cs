using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace EvMonitor.Functions.Tests;

/// <summary>
/// The worker's telemetry identity comes from the setting the Functions host reads for its own,
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>, in the format Microsoft documents for it
/// ("Require Microsoft Entra authentication" in Azure Functions' monitoring configuration):
/// <c>Authorization=AAD</c>, with <c>ClientId=…</c> for a user-assigned identity.
/// </summary>
public sealed class ObservabilityTests
{
    [Theory]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD")]
    [InlineData("Authorization=AAD;ClientId=00000000-0000-0000-0000-000000000001")]
    [InlineData("authorization=aad; clientid=00000000-0000-0000-0000-000000000001")]
    [InlineData("Authorization=AAD")]
    public void UsesAManagedIdentityGivenEntraAuthorization(string authenticationString)
    {
        Assert.IsType<ManagedIdentityCredential>(Observability.AzureMonitorCredential(authenticationString));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001")]
    [InlineData("Authorization=Key")]
    public void UsesNoTokenCredentialWithoutEntraAuthorization(string? authenticationString)
    {
        Assert.Null(Observability.AzureMonitorCredential(authenticationString));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(" ", false)]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-000000000002;IngestionEndpoint=https://example.invalid/", true)]
    public void SendsToAzureMonitorOnlyWhereTheConnectionStringIsSet(string? connectionString, bool sends)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = connectionString })
            .Build();

        Assert.Equal(sends, Observability.SendsToAzureMonitor(configuration));
    }
}
