using System.Text.Json;
using EvMonitor.Client;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>
/// The API as an app developer calls it: through <see cref="EvMonitorClient"/>, over the test's
/// HTTP client. Tests whose subject is the wire itself use <see cref="WireCalls"/> instead.
/// </summary>
public static class ApiCalls
{
    /// <summary>The client library for one user, over the test's HTTP client (its base address and headers).</summary>
    public static EvMonitorClient ClientFor(this HttpClient client, string? email = null, string? password = null) =>
        new(client, new EvMonitorClientOptions { Username = email, Password = password });

    public static EvMonitorClient ClientFor(this HttpClient client, TestAccount account) => ClientFor(client, account.Email, account.Password);

    /// <summary>A fresh token for requests a test builds by hand (<see cref="WireCalls"/>).</summary>
    public static async Task<string> LoginAsync(this HttpClient client, TestAccount account) =>
        (await ClientFor(client, account).LoginAsync()).Token;

    public static async Task<(string Email, string Password, string UserId)> RegisterAsync(this HttpClient client, string password = "correct-horse-battery")
    {
        var email = $"rider-{Guid.NewGuid():N}@example.com";
        var userId = await ClientFor(client).RegisterAsync(email, password, "Rider");
        return (email, password, userId);
    }

    public static List<TelemetrySnapshot> ToTelemetrySnapshots(this IEnumerable<PushedSnapshot> snapshots) =>
        snapshots.Select(s => s.ToTelemetrySnapshot()).ToList();

    /// <summary>
    /// The snapshots without <see cref="StoredSnapshot.ReceivedAt"/> (which the test cannot know),
    /// as text that compares by content and prints well.
    /// </summary>
    public static List<string> Comparable(IEnumerable<StoredSnapshot> snapshots) =>
        snapshots.Select(s =>
        {
            var json = JsonSerializer.SerializeToNode(s)!.AsObject();
            json.Remove(nameof(StoredSnapshot.ReceivedAt));
            return json.ToJsonString();
        }).ToList();

    /// <summary>Polls until <paramref name="condition"/> holds, for what the queue-triggered normalizer does in the background.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("The condition did not hold in time.");
            await Task.Delay(100);
        }
    }
}
