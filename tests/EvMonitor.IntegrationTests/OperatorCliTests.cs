using System.Text.Json.Nodes;
using EvMonitor.Cli;
using EvMonitor.Domain;
using EvMonitor.Storage;
using EvMonitor.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;

namespace EvMonitor.IntegrationTests;

[Collection(AzuriteCollection.Name)]
public sealed class OperatorCliTests(AzuriteFixture azurite)
{
    private readonly IConfiguration _configuration = azurite.Configuration(AzuriteFixture.NewPrefix());

    private async Task<(int ExitCode, JsonNode? Stdout, JsonObject? Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await OperatorCli.RunAsync(args, _configuration, stdout, stderr);
        var errorLine = stderr.ToString().Split('\n').FirstOrDefault(l => l.StartsWith('{'));
        return (exitCode,
            stdout.ToString().Length > 0 ? JsonNode.Parse(stdout.ToString()) : null,
            errorLine is null ? null : JsonNode.Parse(errorLine)!.AsObject());
    }

    private static string CatalogPath => Path.Combine(Repository.Root, "catalog", "catalog.json");

    [Fact]
    public async Task CreatesUserAndVehicleByCatalogNamesPrintingJson()
    {
        var imported = await RunAsync("catalog", "import", CatalogPath);
        Assert.Equal(0, imported.ExitCode);
        Assert.True((int)imported.Stdout!["models"]! > 50);

        var user = await RunAsync("user", "add", "--email", "Rider@Example.com", "--password", "long-enough-password");
        Assert.Equal(0, user.ExitCode);
        var userId = (string)user.Stdout!["user_id"]!;

        var vehicle = await RunAsync("vehicle", "add", "--email", "rider@example.com", "--nickname", "The Rocket", "--make", "Energica", "--model", "SS9");
        Assert.Equal(0, vehicle.ExitCode);
        Assert.Equal(userId, (string)vehicle.Stdout!["user_id"]!);
        Assert.Equal("energica", (string)vehicle.Stdout["make"]!);
        Assert.Equal("energica-ss9", (string)vehicle.Stdout["model"]!);
        Assert.Equal("0", (string)vehicle.Stdout["plan"]!);

        var list = await RunAsync("vehicle", "list", "--email", "rider@example.com");
        Assert.Equal((string)vehicle.Stdout["id"]!, (string)list.Stdout!.AsArray().Single()!["id"]!);
    }

    [Fact]
    public async Task RefusesDuplicateUserWithConflictAndExitCodeOne()
    {
        Assert.Equal(0, (await RunAsync("user", "add", "--email", "twice@example.com", "--password", "long-enough-password")).ExitCode);

        var again = await RunAsync("user", "add", "--email", "TWICE@example.com", "--password", "another-password");

        Assert.Equal(1, again.ExitCode);
        Assert.Null(again.Stdout);
        Assert.Equal("ERROR", (string)again.Stderr!["SUCCESS"]!);
        Assert.Contains("twice@example.com", (string)again.Stderr["error"]!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RefusesUnknownMakeNamingIt()
    {
        await RunAsync("catalog", "import", CatalogPath);
        await RunAsync("user", "add", "--email", "maker@example.com", "--password", "long-enough-password");

        var result = await RunAsync("vehicle", "add", "--email", "maker@example.com", "--nickname", "Nope", "--make", "Flux Capacitor", "--model", "X");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("MAKE_NOT_FOUND", (string)result.Stderr!["code"]!);
        Assert.Contains("Flux Capacitor", (string)result.Stderr["error"]!);
    }

    [Fact]
    public async Task RefusesVehicleForUnknownUser()
    {
        var result = await RunAsync("vehicle", "add", "--email", "ghost@example.com", "--nickname", "Boo", "--make", "energica", "--model", "energica-ss9");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("NOT_FOUND", (string)result.Stderr!["code"]!);
    }

    [Theory]
    [InlineData("user")]
    [InlineData("user", "add", "--email")]
    [InlineData("user", "remove", "--email", "x@example.com")]
    [InlineData("catalog", "import")]
    public async Task MistypedCommandLineExitsWithTwoAndUsage(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("USAGE", (string)result.Stderr!["code"]!);
    }

    [Fact]
    public async Task InvalidPasswordIsAValidationErrorNamingTheField()
    {
        var result = await RunAsync("user", "add", "--email", "short@example.com", "--password", "short");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("VALIDATION_FAILED", (string)result.Stderr!["code"]!);
        Assert.Equal("password", (string)result.Stderr["errors"]![0]!["field"]!);
    }

    [Fact]
    public async Task PurgesOnlyExpiredTokensAndStaleThrottleRows()
    {
        var storage = StorageClients.FromConfiguration(_configuration);
        await storage.EnsureCreatedAsync();
        var tokens = new TableTokenStore(storage);
        var now = DateTimeOffset.UtcNow;
        await tokens.AddAsync(new SessionToken("expired1", "u1", now.AddMinutes(-11)));
        await tokens.AddAsync(new SessionToken("expired2", "u1", now.AddDays(-3)));
        await tokens.AddAsync(new SessionToken("valid", "u1", now.AddMinutes(9)));

        var throttle = new TableLoginThrottleStore(storage);
        await throttle.TryWriteAsync("stale", new LoginThrottleState(3, now.AddDays(-2), now.AddDays(-2)));
        await throttle.TryWriteAsync("recent", new LoginThrottleState(3, now.AddMinutes(-1), now.AddMinutes(1)));

        var result = await RunAsync("storage", "purge");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, (int)result.Stdout!["expired_tokens"]!);
        Assert.Equal(1, (int)result.Stdout["stale_throttle_rows"]!);
        Assert.Null(await throttle.FindAsync("stale"));
        Assert.NotNull(await throttle.FindAsync("recent"));
        Assert.Null(await tokens.FindAsync("expired1"));
        Assert.NotNull(await tokens.FindAsync("valid"));
    }
}
