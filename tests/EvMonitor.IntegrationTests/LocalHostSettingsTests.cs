using EvMonitor.LocalHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvMonitor.IntegrationTests;

/// <summary>
/// The local host's own settings (README's settings table; scripts/load.sh and the tests set them by
/// these names): their defaults, and a wrong value stopping the start with a message naming the setting.
/// No storage is reached: a host is only built, or started with a setting that stops it first.
/// </summary>
public sealed class LocalHostSettingsTests
{
    private const string Storage = "--AzureWebJobsStorage=UseDevelopmentStorage=true";

    [Fact]
    public async Task UnsetTheHostRunsBothRolesLeasesForAMinuteReadsTheCatalogBuiltBesideItAndListensOn7071()
    {
        await using var app = LocalServer.Build([Storage]);

        var local = app.Services.GetRequiredService<LocalHostOptions>();
        Assert.True(local.ServesApi && local.RunsWorker);
        Assert.Equal(TimeSpan.FromMinutes(1), local.QueueLease);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "catalog.json"), local.Catalog);
        Assert.True(File.Exists(local.Catalog));
        Assert.Equal("http://127.0.0.1:7071", app.Configuration["Urls"]);
    }

    [Theory]
    [InlineData("api", true, false)]
    [InlineData(" Worker ", false, true)]
    [InlineData("ALL", true, true)]
    [InlineData("", true, true)]
    public async Task TakesEachRoleWhateverItsCaseAndAnEmptyOneAsAll(string role, bool api, bool worker)
    {
        await using var app = LocalServer.Build([Storage, $"--LocalHost:Role={role}"]);

        var local = app.Services.GetRequiredService<LocalHostOptions>();
        Assert.Equal((api, worker), (local.ServesApi, local.RunsWorker));
    }

    [Theory]
    [InlineData("LocalHost:Role", "both", "LocalHost__Role")]
    [InlineData("LocalHost:QueueLease", "00:00:00", "LocalHost__QueueLease")]
    [InlineData("LocalHost:CatalogFile", "no-such-catalog.json", "LocalHost__CatalogFile")]
    public void AWrongValueStopsTheBuildNamingTheSetting(string key, string value, string appSetting)
    {
        var e = Assert.Throws<OptionsValidationException>(() => LocalServer.Build([Storage, $"--{key}={value}"]));

        Assert.Contains($"{key} ({appSetting}) is ", e.Message);
        Assert.Contains(value, e.Message);
    }

    [Fact]
    public void ALeaseThatIsNotATimeSpanStopsTheBuildNamingTheSetting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => LocalServer.Build([Storage, "--LocalHost:QueueLease=ten seconds"]));

        Assert.Contains("LocalHost:QueueLease", e.Message);
    }

    [Theory]
    [InlineData("127.0.0.1:7071")]
    [InlineData("ftp://127.0.0.1:7071")]
    [InlineData(";")]
    public async Task AnAddressThatIsNotOneStopsTheStartNamingUrls(string urls)
    {
        await using var app = LocalServer.Build([Storage, "--LocalHost:Role=api", $"--Urls={urls}"]);

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains($"Urls is '{urls}'", e.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://*:7071;https://localhost:7443")]
    [InlineData("http://+:80")]
    public void TakesAddressesAsKestrelTakesThem(string urls)
    {
        Assert.Empty(new LocalHostUrls { Urls = urls }.Problems());
    }
}
