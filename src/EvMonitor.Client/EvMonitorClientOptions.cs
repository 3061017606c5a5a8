namespace EvMonitor.Client;

/// <summary>Where the service is, whom to log in as, and how patiently to retry.</summary>
public sealed class EvMonitorClientOptions
{
    /// <summary>
    /// The API root, e.g. <c>https://my-app.azurewebsites.net/api/</c>. When null, the
    /// <see cref="HttpClient.BaseAddress"/> of the client's <see cref="HttpClient"/> is used.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The e-mail address to log in with. Needed by every call but <c>register</c>.</summary>
    public string? Username { get; set; }

    /// <summary>The password to log in with.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// How long before a token expires the client logs in again. Tokens live 10 minutes; the
    /// default renews at 9, so that a call never starts with a token about to run out.
    /// </summary>
    public TimeSpan RenewBeforeExpiry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many times a call answered <c>429</c> or <c>503</c> is sent again before its error is thrown.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// The longest wait for one retry. An answer whose <c>Retry-After</c> asks for longer (a login
    /// locked for minutes, say) is thrown at once, with <see cref="EvMonitorApiException.RetryAfter"/> set.
    /// </summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromSeconds(30);
}
