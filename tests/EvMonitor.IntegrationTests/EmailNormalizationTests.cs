using System.Net;
using System.Text;
using Azure.Data.Tables;
using EvMonitor.Auth;
using EvMonitor.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using static EvMonitor.IntegrationTests.Support.WireCalls;

namespace EvMonitor.IntegrationTests;

/// <summary>One e-mail address typed in two Unicode forms is one account, over HTTP against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EmailNormalizationTests(SharedService shared) : IClassFixture<SharedService>
{
    private RunningService Service => shared.Service;

    /// <summary>"José" with a precomposed é (U+00E9), and the same with e and a combining acute accent (U+0301): canonically equivalent.</summary>
    private static (string Composed, string Decomposed) TwoForms()
    {
        var local = $"jos\u00e9-{Guid.NewGuid():N}";
        var composed = $"{local}@example.com";
        return (composed, composed.Normalize(NormalizationForm.FormD));
    }

    [Fact]
    public async Task AnAccountRegisteredInOneFormLogsInWithTheOtherAndCannotBeRegisteredAgainInIt()
    {
        var (composed, decomposed) = TwoForms();
        Assert.NotEqual(composed, decomposed);

        var registered = await Service.Client.PostFormAsync("register", ("username", composed), ("password", "correct-horse-battery"));
        var login = await Service.Client.PostFormAsync("login", ("username", decomposed.ToUpperInvariant()), ("password", "correct-horse-battery"));
        var again = await Service.Client.PostJsonAsync("register", new() { ["username"] = decomposed, ["password"] = "another-password" });

        Assert.Equal(HttpStatusCode.OK, registered.Status);
        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("EMAIL_TAKEN", again.Code);
    }

    [Fact]
    public async Task AFullwidthAddressIsTheSameAccountAsItsPlainForm()
    {
        // NFKC maps fullwidth letters and the fullwidth commercial at (U+FF20) to their ASCII forms.
        var local = $"rider{Guid.NewGuid():N}";
        var fullwidth = string.Concat(local.Select(c => char.IsAsciiLetterLower(c) ? (char)(c - 'a' + '\uff41') : c)) + "\uff20example.com";

        var registered = await Service.Client.PostFormAsync("register", ("username", fullwidth), ("password", "correct-horse-battery"));
        var login = await Service.Client.PostFormAsync("login", ("username", $"{local}@example.com"), ("password", "correct-horse-battery"));

        Assert.Equal(HttpStatusCode.OK, registered.Status);
        Assert.Equal(HttpStatusCode.OK, login.Status);
    }

    [Fact]
    public async Task AnAccountStoredBeforeNormalizationUnderAnUnnormalizedAddressStillLogsInWithIt()
    {
        var (_, decomposed) = TwoForms();
        var hasher = Service.Services.GetRequiredService<PasswordHasher>();
        // The row as registration wrote it before addresses were normalized: keyed by the address lowercased and escaped.
        await Service.Storage.Table(Service.Storage.Names.Users).AddEntityAsync(
            new TableEntity(Uri.EscapeDataString(decomposed.ToLowerInvariant()), "")
            {
                ["UserId"] = $"legacy{Guid.NewGuid():N}"[..15],
                ["Email"] = decomposed,
                ["PasswordHash"] = hasher.Hash("correct-horse-battery"),
                ["Name"] = null,
                ["CreatedAt"] = DateTimeOffset.UtcNow,
            });

        var login = await Service.Client.PostFormAsync("login", ("username", decomposed), ("password", "correct-horse-battery"));

        Assert.Equal(HttpStatusCode.OK, login.Status);
    }
}
